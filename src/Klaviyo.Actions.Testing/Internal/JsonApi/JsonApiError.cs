namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>One entry of a JSON:API <c>errors</c> array, as Klaviyo writes them.</summary>
internal sealed record JsonApiError(int Status, string Code, string Title, string Detail)
{
    /// <summary><c>source.pointer</c>.</summary>
    public string? Pointer { get; init; }

    /// <summary><c>source.parameter</c> (query parameters and headers).</summary>
    public string? Parameter { get; init; }

    /// <summary><c>meta.duplicate_profile_id</c> of a <c>duplicate_profile</c> conflict.</summary>
    public string? DuplicateProfileId { get; init; }

    /// <summary><c>links.type</c>, set on throttling errors as Klaviyo does.</summary>
    public string? TypeLink { get; init; }
}
