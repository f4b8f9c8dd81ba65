namespace Klaviyo.Actions.Mapping;

/// <summary>
/// One mapping's outcome as the destination uses it: the bound action (<see langword="null"/> when there are
/// errors), the mapping-level errors and the mapped batching choice. A struct: no object per mapped event.
/// </summary>
/// <param name="Action">The action to send; <see langword="null"/> when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Mapping-level problems.</param>
/// <param name="Dispatch">The mapped <c>enable_batching</c>/<c>batch_size</c>.</param>
internal readonly record struct MappedAction(KlaviyoAction? Action, IReadOnlyList<KlaviyoValidationError> Errors, KlaviyoDispatchOptions Dispatch)
{
    /// <summary>Whether an action was produced.</summary>
    public bool IsValid => Action is not null;

    /// <summary>The same outcome from a full mapping result (node path, or a mapping that failed to evaluate).</summary>
    public static MappedAction From(ActionMappingResult result) => new(result.Action, result.Errors, result.Dispatch);
}
