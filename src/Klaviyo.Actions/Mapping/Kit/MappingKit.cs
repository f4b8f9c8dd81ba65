using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Kit;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Segment's mapping-kit: resolves a field mapping (raw values and <c>@</c>-directives) against an event.
/// </summary>
/// <remarks>
/// <para>Supported directives: <c>@path</c>, <c>@if</c> (<c>exists</c>/<c>blank</c>, <c>then</c>, <c>else</c>),
/// <c>@template</c>, <c>@literal</c>, <c>@arrayPath</c>, <c>@case</c>, <c>@replace</c>, <c>@json</c>,
/// <c>@flatten</c>, <c>@merge</c>, <c>@transform</c> and <c>@excludeWhenNull</c>. Any other <c>@</c>-key is an
/// error naming it.</para>
/// <para>Keys that resolve to nothing (a missing path, an <c>@if</c> without the taken branch) are left out;
/// <c>null</c> values are kept here and removed later by the action's empty-value rules, as in Segment.</para>
/// </remarks>
public static class MappingKit
{
    /// <summary>The directives this implementation understands.</summary>
    public static IReadOnlyCollection<string> Directives => MappingEvaluator.DirectiveNames;

    /// <summary>Resolves a mapping object against an event (or any JSON object).</summary>
    /// <param name="mapping">The mapping: an object of field keys to raw values or directives.</param>
    /// <param name="payload">The input, usually <see cref="SegmentEvent.Json"/>.</param>
    /// <returns>A new object with the resolved fields; undefined fields are left out.</returns>
    /// <exception cref="MappingEvaluationException">A directive is unknown or cannot be applied.</exception>
    /// <exception cref="ArgumentException">The mapping or the payload is not a JSON object.</exception>
    public static JsonObject Evaluate(JsonElement mapping, JsonElement payload)
    {
        if (mapping.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The mapping must be a JSON object.", nameof(mapping));
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The payload must be a JSON object.", nameof(payload));
        }

        var resolved = MappingEvaluator.Resolve(mapping, payload, string.Empty);
        return resolved.Value as JsonObject ?? new JsonObject();
    }

    /// <summary>Resolves one mapping value (a raw value or a directive) against a payload.</summary>
    /// <param name="mapping">The mapping value.</param>
    /// <param name="payload">The input object.</param>
    /// <param name="value">The resolved value; <see langword="null"/> for JSON null or when undefined.</param>
    /// <returns><see langword="false"/> when the value is undefined (a field that would be left out).</returns>
    /// <exception cref="MappingEvaluationException">A directive is unknown or cannot be applied.</exception>
    public static bool TryEvaluateValue(JsonElement mapping, JsonElement payload, out JsonNode? value)
    {
        var resolved = MappingEvaluator.Resolve(mapping, payload, string.Empty);
        value = resolved.Value;
        return resolved.IsDefined;
    }

    /// <summary>Checks a mapping's structure without an event: unknown directives, mixed keys, argument shapes.</summary>
    /// <param name="mapping">The mapping.</param>
    /// <returns>Every problem found; empty when the mapping is well formed.</returns>
    public static IReadOnlyList<MappingProblem> Validate(JsonElement mapping)
    {
        var problems = new List<MappingProblem>();
        MappingValidator.ValidateValue(mapping, string.Empty, problems);
        return problems;
    }
}
