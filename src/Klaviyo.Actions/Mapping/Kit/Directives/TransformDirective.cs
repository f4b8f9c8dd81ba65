using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@transform": {"apply": {...}, "mapping": ...}}</c>: maps the event with <c>apply</c> first, then
/// resolves <c>mapping</c> against that result.
/// </summary>
internal sealed class TransformDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@transform";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@transform requires an object with an \"apply\" key and a \"mapping\" key");
        }

        if (!TryGetOption(argument, "mapping", out var mapping) || !JsonNodes.IsTruthy(mapping))
        {
            throw Error(path, "@transform requires a \"mapping\" key");
        }

        if (!TryGetOption(argument, "apply", out var apply) || !JsonNodes.IsTruthy(apply))
        {
            throw Error(path, "@transform requires a \"apply\" key");
        }

        if (apply.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "@transform \"apply\" key should be an object");
        }

        var intermediate = MappingEvaluator.Resolve(apply, payload, path);
        return MappingEvaluator.Resolve(mapping, JsonNodes.ToElement(intermediate.Value), path);
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        foreach (string key in new[] { "apply", "mapping" })
        {
            if (!TryGetOption(argument, key, out var value))
            {
                problems.Add(new MappingProblem(path, $"should have field \"{key}\" but it doesn't"));
            }
            else
            {
                MappingValidator.ValidateValue(value, path + "/" + key, problems);
            }
        }
    }
}
