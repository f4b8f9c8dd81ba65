using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Binding;
using Klaviyo.Actions.Mapping.Json;
using Klaviyo.Actions.Mapping.Kit;
using Klaviyo.Actions.Mapping.Kit.Compiled;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Maps one event with one action mapping into the action's typed request, as Segment does before an action
/// runs: resolve the mapping-kit mapping, remove empty values, check required fields, coerce types, bind.
/// Pure: no I/O, no validation of Klaviyo rules (that is <see cref="Validation.KlaviyoRequestValidator"/>'s job).
/// </summary>
public static class KlaviyoActionMapper
{
    /// <summary>Batching on, no batch size: the common mapped choice, shared.</summary>
    private static readonly KlaviyoDispatchOptions BatchedWithoutSize = new(EnableBatching: true);

    [ThreadStatic]
    private static List<KlaviyoValidationError>? t_errors;

    /// <summary>Maps an event with an action's default mapping.</summary>
    /// <param name="action">The action.</param>
    /// <param name="segmentEvent">The event.</param>
    public static ActionMappingResult MapWithDefaults(KlaviyoActionDefinition action, SegmentEvent segmentEvent)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Map(action, action.CompiledDefaultMapping, segmentEvent);
    }

    /// <summary>Maps an event with a field mapping (used as given, like a saved Segment mapping).</summary>
    /// <param name="action">The action.</param>
    /// <param name="mapping">The field mapping object.</param>
    /// <param name="segmentEvent">The event.</param>
    /// <param name="hookListId">The list produced by the mapping's "connect to a static list" hook, if any; it
    /// takes precedence over <c>override_list_id</c> and <c>list_id</c> (Upsert Profile only).</param>
    public static ActionMappingResult Map(KlaviyoActionDefinition action, JsonElement mapping, SegmentEvent segmentEvent, string? hookListId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(segmentEvent);
        return Map(action, segmentEvent, hookListId, mapping, static (m, json) => MappingKit.Evaluate(m, json));
    }

    /// <summary>Maps an event with a mapping compiled once (<see cref="MappingDefinition"/>, the action's defaults).</summary>
    /// <remarks>
    /// A mapping whose root is a plain object of distinct keys (every default mapping) resolves into compiled slots
    /// (<see cref="MappedObject"/>) that are cleaned and bound without building a <see cref="JsonObject"/> tree for
    /// its plain objects; any other mapping takes the node path. Both give the same action, errors and payload.
    /// </remarks>
    /// <param name="action">The action.</param>
    /// <param name="mapping">The compiled mapping.</param>
    /// <param name="segmentEvent">The event.</param>
    /// <param name="hookListId">The list a mapping hook produced, if any.</param>
    /// <param name="keepPayload">
    /// Whether the result keeps the resolved payload for <see cref="ActionMappingResult.Payload"/>. The destination,
    /// which never reads it, passes <see langword="false"/>: the compiled slots then go back to their pool as soon as
    /// the request is bound.
    /// </param>
    internal static ActionMappingResult Map(KlaviyoActionDefinition action, CompiledMapping mapping, SegmentEvent segmentEvent, string? hookListId = null, bool keepPayload = true)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(segmentEvent);
        MappedObject? mapped;
        JsonObject? fallback;
        try
        {
            mapped = mapping.EvaluateMapped(segmentEvent.Json, out fallback);
        }
        catch (Exception e) when (e is MappingEvaluationException or ArgumentException)
        {
            return Failed(e);
        }

        if (mapped is null)
        {
            return Bind(action, segmentEvent, hookListId, fallback!);
        }

        var binder = action.Binder;

        // The thread's scratch list collects errors; the result gets a copy only when there are some (rare).
        var errors = t_errors ?? new List<KlaviyoValidationError>();
        t_errors = null;
        try
        {
            EmptyValueRemover.Clean(mapped, binder.Fields);
            var reader = new PayloadReader(mapped, errors);
            reader.Require(binder.Fields);
            var bound = binder.Bind(reader, new BindingContext(segmentEvent, hookListId));
            var dispatch = ReadDispatch(action, reader);
            IReadOnlyList<KlaviyoValidationError> found = errors.Count == 0 ? [] : errors.ToArray();
            if (keepPayload)
            {
                return new ActionMappingResult(bound, found, dispatch, mapped);
            }

            mapped.Release();
            return new ActionMappingResult(bound, found, dispatch);
        }
        finally
        {
            errors.Clear();
            t_errors = errors;
        }
    }

    private static ActionMappingResult Map<TMapping>(
        KlaviyoActionDefinition action,
        SegmentEvent segmentEvent,
        string? hookListId,
        TMapping mapping,
        Func<TMapping, JsonElement, JsonObject> evaluate)
    {
        JsonObject payload;
        try
        {
            payload = evaluate(mapping, segmentEvent.Json);
        }
        catch (Exception e) when (e is MappingEvaluationException or ArgumentException)
        {
            return Failed(e);
        }

        return Bind(action, segmentEvent, hookListId, payload);
    }

    private static ActionMappingResult Bind(KlaviyoActionDefinition action, SegmentEvent segmentEvent, string? hookListId, JsonObject payload)
    {
        var errors = new List<KlaviyoValidationError>();
        var binder = action.Binder;
        EmptyValueRemover.Clean(payload, binder.Fields);
        var reader = new PayloadReader(payload, errors);
        reader.Require(binder.Fields);
        var bound = binder.Bind(reader, new BindingContext(segmentEvent, hookListId));
        var dispatch = ReadDispatch(action, reader);
        return new ActionMappingResult(bound, errors, dispatch, payload);
    }

    private static ActionMappingResult Failed(Exception exception)
    {
        var error = exception is MappingEvaluationException e
            ? new KlaviyoValidationError(e.Path.Length == 0 ? "mapping" : e.Path, "mapping_directive", e.Message)
            : new KlaviyoValidationError("mapping", "mapping_object", "The mapping must be a JSON object of field keys.");
        return new ActionMappingResult(null, [error], KlaviyoDispatchOptions.Immediate, new JsonObject());
    }

    private static KlaviyoDispatchOptions ReadDispatch(KlaviyoActionDefinition action, PayloadReader reader)
    {
        if (action.BatchSize is not { } range)
        {
            return KlaviyoDispatchOptions.Immediate;
        }

        bool enabled = reader.Boolean(CommonFields.EnableBatching) ?? false;
        decimal? size = reader.Number(CommonFields.BatchSize);
        int? batchSize = null;
        if (size is { } s)
        {
            if (s < range.Minimum)
            {
                reader.AddError("batch_size", "minimum", $"Batch Size must be greater than or equal to {range.Minimum} but it was {s.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (s > range.Maximum)
            {
                reader.AddError("batch_size", "maximum", $"Batch Size must be less than or equal to {range.Maximum} but it was {s.ToString(CultureInfo.InvariantCulture)}.");
            }
            else
            {
                batchSize = (int)s;
            }
        }

        return batchSize is not null ? new KlaviyoDispatchOptions(enabled, batchSize)
            : enabled ? BatchedWithoutSize
            : KlaviyoDispatchOptions.Immediate;
    }
}
