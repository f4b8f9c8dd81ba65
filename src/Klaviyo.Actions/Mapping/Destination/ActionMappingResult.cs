using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>The result of mapping one event with one action mapping: the typed action, or why there is none.</summary>
public sealed class ActionMappingResult
{
    private readonly JsonObject? _resolved;
    private readonly Kit.Compiled.MappedObject? _mapped;
    private StrongBox<JsonElement>? _payload;

    /// <param name="action">The bound action.</param>
    /// <param name="errors">Mapping-level problems.</param>
    /// <param name="dispatch">The mapped batching choice.</param>
    /// <param name="resolved">
    /// The resolved payload, owned by this result from here on (never changed again); turned into
    /// <see cref="Payload"/> only when someone reads it, so mapping does not pay for a diagnostic copy.
    /// </param>
    internal ActionMappingResult(KlaviyoAction? action, IReadOnlyList<KlaviyoValidationError> errors, KlaviyoDispatchOptions dispatch, JsonObject resolved)
    {
        Action = errors.Count == 0 ? action : null;
        Errors = errors;
        Dispatch = dispatch;
        _resolved = resolved;
    }

    /// <param name="action">The bound action.</param>
    /// <param name="errors">Mapping-level problems.</param>
    /// <param name="dispatch">The mapped batching choice.</param>
    /// <param name="mapped">The resolved payload as compiled slots, owned by this result from here on; its
    /// <see cref="System.Text.Json.Nodes.JsonObject"/> is built only when someone reads <see cref="Payload"/>.</param>
    internal ActionMappingResult(KlaviyoAction? action, IReadOnlyList<KlaviyoValidationError> errors, KlaviyoDispatchOptions dispatch, Kit.Compiled.MappedObject mapped)
    {
        Action = errors.Count == 0 ? action : null;
        Errors = errors;
        Dispatch = dispatch;
        _mapped = mapped;
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
    public JsonElement Payload
    {
        get
        {
            var payload = Volatile.Read(ref _payload);
            if (payload is null)
            {
                // Writing the nodes only reads them, so concurrent first readers are safe; the first copy wins. Slots
                // become nodes once (a node has one parent), so that step is serialized.
                JsonObject resolved;
                if (_resolved is not null)
                {
                    resolved = _resolved;
                }
                else
                {
                    lock (_mapped!)
                    {
                        resolved = _mapped.ToJsonObject();
                    }
                }

                Interlocked.CompareExchange(ref _payload, new StrongBox<JsonElement>(JsonNodes.ToElement(resolved)), null);
                payload = Volatile.Read(ref _payload)!;
            }

            return payload.Value;
        }
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? Action!.ToString() : $"invalid: {string.Join("; ", Errors)}";
}
