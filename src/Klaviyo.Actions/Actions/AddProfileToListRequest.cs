namespace Klaviyo.Actions;

/// <summary>
/// Add Profile to List: upsert a profile and add it to a list (Segment action <c>addProfileToList</c>,
/// "Add Profile to List (Engage)"). One of email, phone or external id is required.
/// </summary>
public sealed record AddProfileToListRequest : IProfileIdentity
{
    /// <summary>The list (6-character id) to add the profile to.</summary>
    public required string ListId { get; init; }

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

    /// <summary>The address (<c>location</c>).</summary>
    public Optional<ProfileLocation?> Location { get; init; }

    /// <summary>Custom profile properties (<c>properties</c>).</summary>
    public IReadOnlyDictionary<string, object?>? Properties { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"AddProfileToList {ListId} {Redaction.DescribeIdentity(this)}";
}
