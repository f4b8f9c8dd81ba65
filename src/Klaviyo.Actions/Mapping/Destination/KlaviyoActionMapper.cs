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
    internal static ActionMappingResult Map(KlaviyoActionDefinition action, CompiledMapping mapping, SegmentEvent segmentEvent, string? hookListId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(segmentEvent);
        if (!TryEvaluate(mapping, segmentEvent, out var mapped, out var fallback, out var failed))
        {
            return failed!;
        }

        if (mapped is null)
        {
            return Bind(action, segmentEvent, hookListId, fallback!);
        }

        var bound = BindSlots(action, mapped, segmentEvent, hookListId, out var errors, out var dispatch);
        return new ActionMappingResult(bound, errors, dispatch, mapped);
    }

    /// <summary>
    /// What <see cref="KlaviyoDestination"/> needs from a mapping: the same action, errors and dispatch as
    /// <see cref="Map(KlaviyoActionDefinition, CompiledMapping, SegmentEvent, string?)"/>, without a result object or
    /// a diagnostic payload, so the compiled slots go back to their pool as soon as the request is bound.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="mapping">The compiled mapping.</param>
    /// <param name="segmentEvent">The event.</param>
    /// <param name="hookListId">The list a mapping hook produced, if any.</param>
    internal static MappedAction MapForDispatch(KlaviyoActionDefinition action, CompiledMapping mapping, SegmentEvent segmentEvent, string? hookListId)
    {
        if (!TryEvaluate(mapping, segmentEvent, out var mapped, out var fallback, out var failed))
        {
            return MappedAction.From(failed!);
        }

        if (mapped is null)
        {
            return MappedAction.From(Bind(action, segmentEvent, hookListId, fallback!));
        }

        var bound = BindSlots(action, mapped, segmentEvent, hookListId, out var errors, out var dispatch);
        mapped.Release();
        return new MappedAction(errors.Count == 0 ? bound : null, errors, dispatch);
    }

    private static bool TryEvaluate(CompiledMapping mapping, SegmentEvent segmentEvent, out MappedObject? mapped, out JsonObject? fallback, out ActionMappingResult? failed)
    {
        failed = null;
        try
        {
            mapped = mapping.EvaluateMapped(segmentEvent.Json, out fallback);
            return true;
        }
        catch (Exception e) when (e is MappingEvaluationException or ArgumentException)
        {
            mapped = null;
            fallback = null;
            failed = Failed(e);
            return false;
        }
    }

    /// <summary>Cleans and binds compiled slots; errors are collected in the thread's scratch list and copied only when there are some.</summary>
    private static KlaviyoAction? BindSlots(
        KlaviyoActionDefinition action,
        MappedObject mapped,
        SegmentEvent segmentEvent,
        string? hookListId,
        out IReadOnlyList<KlaviyoValidationError> found,
        out KlaviyoDispatchOptions dispatch)
    {
        var binder = action.Binder;
        var errors = t_errors ?? new List<KlaviyoValidationError>();
        t_errors = null;
        try
        {
            EmptyValueRemover.Clean(mapped, binder.Fields);
            var reader = new PayloadReader(mapped, errors);
            reader.Require(binder.Fields);
            var bound = binder.Bind(reader, new BindingContext(segmentEvent, hookListId));
            dispatch = ReadDispatch(action, reader);
            found = errors.Count == 0 ? [] : errors.ToArray();
            return bound;
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
