namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Settings of Segment's classic "Klaviyo" destination, with its keys (<c>privateKey</c>, <c>listId</c>,
/// <c>confirmOptin</c>, <c>enforceEmail</c>, <c>sendAnonymous</c>, <c>useSegmentSpec</c>). Classic mode maps
/// identify and track calls the way that destination did, onto Klaviyo's current API (the v1/v2 endpoints it
/// used were retired on 2024-06-30). <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class ClassicSettings
{
    /// <summary>The private API key (<c>privateKey</c>; the classic public <c>apiKey</c> cannot call the current API).</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// The default list identify adds people to (<c>listId</c>); <c>integrations.Klaviyo.listId</c> overrides it per
    /// call. The list add needs an email: without one the profile is still upserted and the add is skipped with a
    /// warning (<see cref="SentOutcome.Warnings"/>).
    /// </summary>
    public string? ListId { get; init; }

    /// <summary>
    /// Confirm opt-in (<c>confirmOptin</c>, default true; <c>integrations.Klaviyo.confirmOptin</c> overrides it).
    /// When true the person is subscribed through the list, so the list's own opt-in setting applies (a double
    /// opt-in list sends the confirmation email); when false they are added to the list directly, without a
    /// consent change. The current API cannot force a confirmation email per call.
    /// </summary>
    public bool ConfirmOptin { get; init; } = true;

    /// <summary>
    /// Enforce email as primary identifier (<c>enforceEmail</c>, default true): the user id is never sent as the
    /// external id, and calls without an email are not delivered (reported invalid).
    /// </summary>
    public bool EnforceEmail { get; init; } = true;

    /// <summary>Fall back on the anonymous id when there is no user id (<c>sendAnonymous</c>, default false).</summary>
    public bool SendAnonymous { get; init; }

    /// <summary>
    /// Send "Order Completed" under that name (<c>useSegmentSpec</c>, default true); when false it is renamed
    /// "Placed Order" as the classic server-side integration did.
    /// </summary>
    public bool UseSegmentSpec { get; init; } = true;

    /// <inheritdoc />
    public override string ToString() =>
        $"ClassicSettings {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<none>" : "***")}, ListId = {ListId ?? "<none>"}, ConfirmOptin = {ConfirmOptin}, EnforceEmail = {EnforceEmail}, SendAnonymous = {SendAnonymous}, UseSegmentSpec = {UseSegmentSpec} }}";
}
