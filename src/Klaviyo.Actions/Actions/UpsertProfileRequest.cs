namespace Klaviyo.Actions;

/// <summary>
/// Upsert Profile: create or update a Klaviyo profile and optionally add it to a list
/// (Segment action <c>upsertProfile</c>). One of <see cref="Email"/>, <see cref="PhoneNumber"/> or
/// <see cref="ExternalId"/> is required.
/// </summary>
/// <remarks>
/// Attributes typed <see cref="Optional{T}"/> distinguish "not given" (left unchanged in Klaviyo)
/// from <see langword="null"/> (cleared in Klaviyo).
/// </remarks>
public sealed record UpsertProfileRequest : IProfileIdentity
{
    /// <inheritdoc />
    public string? Email { get; init; }

    /// <inheritdoc />
    public string? PhoneNumber { get; init; }

    /// <inheritdoc />
    public string? CountryCode { get; init; }

    /// <inheritdoc />
    public string? ExternalId { get; init; }

    /// <summary>First name (<c>first_name</c>).</summary>
    public Optional<string?> FirstName { get; init; }

    /// <summary>Last name (<c>last_name</c>).</summary>
    public Optional<string?> LastName { get; init; }

    /// <summary>Company or organization (<c>organization</c>).</summary>
    public Optional<string?> Organization { get; init; }

    /// <summary>Job title (<c>title</c>).</summary>
    public Optional<string?> Title { get; init; }

    /// <summary>URL of a profile image (<c>image</c>).</summary>
    public Optional<string?> Image { get; init; }

    /// <summary>IETF BCP 47 locale such as <c>en-US</c> (<c>locale</c>).</summary>
    public Optional<string?> Locale { get; init; }

    /// <summary>The address (<c>location</c>).</summary>
    public Optional<ProfileLocation?> Location { get; init; }

    /// <summary>Custom profile properties (<c>properties</c>); <see langword="null"/> sends none.</summary>
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <summary>A Klaviyo list (6-character id) to add the profile to after the upsert.</summary>
    public string? ListId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"UpsertProfile {Redaction.DescribeIdentity(this)}";
}
