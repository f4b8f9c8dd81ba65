using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@flatten": {"value": ..., "separator": ".", "omitArrays": false}}</c>: flattens nested objects
/// (and arrays, unless <c>omitArrays</c>) into one object with joined keys, e.g. <c>address.city</c>.
/// </summary>
internal sealed class FlattenDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@flatten";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@flatten requires an object with a \"separator\" key");
        }

        if (!TryGetOption(argument, "separator", out var separatorMapping) || !JsonNodes.IsTruthy(separatorMapping))
        {
            throw Error(path, "@flatten requires a \"separator\" key");
        }

        var separator = MappingEvaluator.Resolve(separatorMapping, payload, path);
        if (!JsonNodes.TryGetString(separator.Value, out string glue))
        {
            throw Error(path, "@flatten requires a string separator");
        }

        bool omitArrays = TryGetOption(argument, "omitArrays", out var omit) && JsonNodes.IsTruthy(omit);
        var value = TryGetOption(argument, "value", out var valueMapping)
            ? MappingEvaluator.Resolve(valueMapping, payload, path)
            : Resolved.Undefined;

        if (value.Value is not JsonObject and not JsonArray)
        {
            throw Error(path, $"@flatten expected an object, got {MappingEvaluator.TypeName(value)}");
        }

        var result = new JsonObject();
        Flatten(value.Value, string.Empty, glue, omitArrays, result);
        return Resolved.Of(result);
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        if (!TryGetOption(argument, "separator", out var separator))
        {
            problems.Add(new MappingProblem(path, "should have field \"separator\" but it doesn't"));
        }
        else
        {
            ValidateStringOrDirective(separator, path + "/separator", problems);
        }

        if (TryGetOption(argument, "value", out var value))
        {
            MappingValidator.ValidateValue(value, path + "/value", problems);
        }
    }

    private static void Flatten(JsonNode? node, string prefix, string separator, bool omitArrays, JsonObject result)
    {
        IEnumerable<KeyValuePair<string, JsonNode?>> members = node switch
        {
            JsonObject obj => obj.ToList(),
            JsonArray array => array.Select((item, i) => new KeyValuePair<string, JsonNode?>(i.ToString(CultureInfo.InvariantCulture), item)).ToList(),
            _ => [],
        };

        foreach (var (key, value) in members)
        {
            if (value is JsonObject || (value is JsonArray && !omitArrays))
            {
                Flatten(value, prefix + key + separator, separator, omitArrays, result);
            }
            else
            {
                result[prefix + key] = JsonNodes.Clone(value);
            }
        }
    }
}
