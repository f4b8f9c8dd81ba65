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
    SkipReason? Skip = null);
