using System.Text.Json;

namespace Klaviyo.Actions;

/// <summary>One entry of a Klaviyo JSON:API <c>errors[]</c> array.</summary>
public sealed record KlaviyoError
{
    /// <summary>Klaviyo's error id (useful in support requests).</summary>
    public string? Id { get; init; }

    /// <summary>The HTTP status of this error, when Klaviyo gave one.</summary>
    public int? Status { get; init; }

    /// <summary>The machine-readable code, e.g. <c>invalid</c>, <c>duplicate_profile</c>, <c>throttled</c>.</summary>
    public string? Code { get; init; }

    /// <summary>A short summary, e.g. <c>Invalid input.</c>.</summary>
    public string? Title { get; init; }

    /// <summary>The explanation.</summary>
    public string? Detail { get; init; }

    /// <summary>A JSON pointer into the request body, e.g. <c>/data/attributes/profiles/data/2/attributes/email</c>.</summary>
    public string? SourcePointer { get; init; }

    /// <summary>The query parameter at fault, e.g. <c>include</c>.</summary>
    public string? SourceParameter { get; init; }

    /// <summary>The <c>meta</c> object, e.g. <c>duplicate_profile_id</c>; <see langword="null"/> when absent.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Meta { get; init; }

    /// <summary><c>meta.duplicate_profile_id</c> of a 409 <c>duplicate_profile</c> error.</summary>
    public string? DuplicateProfileId =>
        Meta is not null && Meta.TryGetValue("duplicate_profile_id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
