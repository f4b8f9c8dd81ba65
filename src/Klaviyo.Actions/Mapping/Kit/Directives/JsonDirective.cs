using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@json": {"mode": "encode" | "decode", "value": ...}}</c>: encodes a value as a JSON string, or
/// decodes a JSON string (other values pass through).
/// </summary>
internal sealed class JsonDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@json";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@json requires an object with a \"value\" key");
        }

        if (!TryGetOption(argument, "mode", out var mode) || !JsonNodes.IsTruthy(mode))
        {
            throw Error(path, "@json requires a \"mode\" key");
        }

        if (!TryGetOption(argument, "value", out var valueMapping) || !JsonNodes.IsTruthy(valueMapping))
        {
            throw Error(path, "@json requires a \"value\" key");
        }

        var value = MappingEvaluator.Resolve(valueMapping, payload, path);
        string? operation = mode.ValueKind == JsonValueKind.String ? mode.GetString() : null;
        if (operation == "encode")
        {
            return value.IsDefined ? Resolved.Of(JsonValue.Create(JsonNodes.ToJsonString(value.Value))) : Resolved.Undefined;
        }

        if (operation == "decode")
        {
            if (!JsonNodes.TryGetString(value.Value, out string text))
            {
                return value;
            }

            try
            {
                return Resolved.Of(JsonNode.Parse(text));
            }
            catch (JsonException)
            {
                throw Error(path, "@json could not decode the value: it is not valid JSON");
            }
        }

        return Resolved.Undefined;
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        if (!TryGetOption(argument, "mode", out var mode) || mode.ValueKind != JsonValueKind.String ||
            mode.GetString() is not ("encode" or "decode"))
        {
            problems.Add(new MappingProblem(path + "/mode", "should be \"encode\" or \"decode\""));
        }

        if (!TryGetOption(argument, "value", out var value))
        {
            problems.Add(new MappingProblem(path, "should have field \"value\" but it doesn't"));
        }
        else
        {
            MappingValidator.ValidateValue(value, path + "/value", problems);
        }
    }
}
