using System.Text.Json;

namespace Klaviyo.Actions.Testing;

/// <summary>A snapshot of one profile held by the emulator.</summary>
public sealed record EmulatedProfile
{
    /// <summary>The profile id (26 characters, like Klaviyo's).</summary>
    public required string Id { get; init; }

    /// <summary><c>email</c>.</summary>
    public string? Email { get; init; }

    /// <summary><c>phone_number</c> (E.164).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>external_id</c>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The <c>anonymous_id</c> an event created the profile with, if any.</summary>
    public string? AnonymousId { get; init; }

    /// <summary><c>first_name</c>.</summary>
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>.</summary>
    public string? LastName { get; init; }

    /// <summary><c>organization</c>.</summary>
    public string? Organization { get; init; }

    /// <summary><c>title</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>image</c>.</summary>
    public string? Image { get; init; }

    /// <summary><c>locale</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The <c>location</c> fields that are set (<c>address1</c>, <c>city</c>, <c>latitude</c>, ...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Location { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Custom properties (<c>properties</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>When the profile was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>When the profile was last written (consent changes do not move it, as in Klaviyo).</summary>
    public DateTimeOffset Updated { get; init; }

    /// <summary>Time of the profile's latest event.</summary>
    public DateTimeOffset? LastEventDate { get; init; }

    /// <summary>Consent per channel and email suppressions.</summary>
    public EmulatedConsent Consent { get; init; } = new();
}
