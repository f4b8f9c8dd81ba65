namespace Klaviyo.Actions;

/// <summary>
/// The profile an event (Track Event, Order Completed) belongs to. One of email, phone number,
/// external id or anonymous id is required.
/// </summary>
public sealed record EventProfile : IProfileIdentity
{
    /// <inheritdoc />
    public string? Email { get; init; }

    /// <inheritdoc />
    public string? PhoneNumber { get; init; }

    /// <inheritdoc />
    public string? CountryCode { get; init; }

    /// <inheritdoc />
    public string? ExternalId { get; init; }

    /// <summary>An anonymous identifier (Segment's <c>anonymousId</c>).</summary>
    public string? AnonymousId { get; init; }

    /// <summary>
    /// Further profile attributes sent with the event (for example <c>first_name</c> or
    /// <c>properties</c>), as Segment's Track Event lets the <c>profile</c> object carry them.
    /// </summary>
    public IReadOnlyDictionary<string, object?>? AdditionalAttributes { get; init; }

    /// <inheritdoc />
    public override string ToString() => Redaction.DescribeIdentity(this, AnonymousId);
}
