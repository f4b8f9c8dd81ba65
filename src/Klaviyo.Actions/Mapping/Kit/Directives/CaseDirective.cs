using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@case": {"operator": "lower" | "upper", "value": ...}}</c>: changes the case of a string value;
/// other values pass through unchanged.
/// </summary>
internal sealed class CaseDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@case";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@case requires an object with a \"operator\" key");
        }

        if (!TryGetOption(argument, "operator", out var op) || !JsonNodes.IsTruthy(op))
        {
            throw Error(path, "@case requires a \"operator\" key");
        }

        if (!TryGetOption(argument, "value", out var valueMapping) || !JsonNodes.IsTruthy(valueMapping))
        {
            return Resolved.Undefined;
        }

        var value = MappingEvaluator.Resolve(valueMapping, payload, path);
        if (!JsonNodes.TryGetString(value.Value, out string text))
        {
            return value;
        }

        string? operation = op.ValueKind == JsonValueKind.String ? op.GetString() : null;
        return operation switch
        {
            "lower" => Resolved.Of(JsonValue.Create(text.ToLower(CultureInfo.InvariantCulture))),
            "upper" => Resolved.Of(JsonValue.Create(text.ToUpper(CultureInfo.InvariantCulture))),
            _ => throw Error(path, "operator key should have a value of \"lower\" or \"upper\""),
        };
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        if (TryGetOption(argument, "operator", out var op) && op.ValueKind != JsonValueKind.String)
        {
            problems.Add(new MappingProblem(path + "/operator", $"should be a string but it is {MappingEvaluator.Article(op)}"));
        }

        if (TryGetOption(argument, "value", out var value))
        {
            ValidateStringOrDirective(value, path + "/value", problems);
        }
    }
}
