namespace Klaviyo.Actions.Mapping.Classic;

/// <summary>What classic mode makes of one event: actions to send, problems, or a skip.</summary>
/// <param name="Call">The classic call kind: <c>identify</c>, <c>track</c> or <c>orderCompleted</c>.</param>
/// <param name="Actions">The actions, in sending order.</param>
/// <param name="Errors">Why nothing can be sent.</param>
/// <param name="Skip">Set when classic mode does not handle the event at all.</param>
internal sealed record ClassicMappingResult(
    string Call,
    IReadOnlyList<KlaviyoAction> Actions,
    IReadOnlyList<KlaviyoValidationError> Errors,
    SkipReason? Skip = null)
{
    /// <summary>
    /// What was left out of <see cref="Actions"/> and why, while the rest is sent: a product without an id (its
    /// Ordered Product event), a phone that cannot be converted to E.164, a non-numeric revenue, a list add without
    /// an email. Empty when everything is sent as given. Messages never quote values.
    /// </summary>
    public IReadOnlyList<KlaviyoValidationError> Warnings { get; init; } = [];
}
