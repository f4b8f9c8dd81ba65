using System.Text.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>The result of mapping one event with one action mapping: the typed action, or why there is none.</summary>
public sealed class ActionMappingResult
{
    internal ActionMappingResult(KlaviyoAction? action, IReadOnlyList<KlaviyoValidationError> errors, KlaviyoDispatchOptions dispatch, JsonElement payload)
    {
        Action = errors.Count == 0 ? action : null;
        Errors = errors;
        Dispatch = dispatch;
        Payload = payload;
    }

    /// <summary>The action to send; <see langword="null"/> when <see cref="Errors"/> is not empty.</summary>
    public KlaviyoAction? Action { get; }

    /// <summary>Mapping-level problems: directive errors, missing required fields, values of the wrong type.</summary>
    public IReadOnlyList<KlaviyoValidationError> Errors { get; }

    /// <summary>Whether an action was produced.</summary>
    public bool IsValid => Action is not null;

    /// <summary>The mapped <c>enable_batching</c>/<c>batch_size</c>.</summary>
    public KlaviyoDispatchOptions Dispatch { get; }

    /// <summary>The resolved payload after empty-value removal (Segment field keys), for diagnostics. Contains personal data.</summary>
    public JsonElement Payload { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? Action!.ToString() : $"invalid: {string.Join("; ", Errors)}";
}
