using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@merge": {"objects": [..., ...], "direction": "right" | "left"}}</c>: merges objects; with
/// <c>right</c> later objects win, with <c>left</c> earlier ones do. Values that are not objects are skipped.
/// </summary>
internal sealed class MergeDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@merge";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@merge requires an object with an \"objects\" key and a \"direction\" key");
        }

        if (!TryGetOption(argument, "direction", out var directionMapping) || !JsonNodes.IsTruthy(directionMapping))
        {
            throw Error(path, "@merge requires a \"direction\" key");
        }

        if (!TryGetOption(argument, "objects", out var objects) || !JsonNodes.IsTruthy(objects))
        {
            throw Error(path, "@merge requires a \"objects\" key");
        }

        if (objects.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"@merge: expected an array of objects, got {MappingEvaluator.Article(objects)}");
        }

        var direction = MappingEvaluator.Resolve(directionMapping, payload, path);
        var resolved = objects.EnumerateArray().Select((o, i) => MappingEvaluator.Resolve(o, payload, $"{path}[{i}]")).ToList();
        if (JsonNodes.TryGetString(direction.Value, out string d) && d == "left")
        {
            resolved.Reverse();
        }

        var result = new JsonObject();
        foreach (var item in resolved)
        {
            if (item.Value is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    result[key] = JsonNodes.Clone(value);
                }
            }
        }

        return Resolved.Of(result);
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        if (!TryGetOption(argument, "direction", out var direction))
        {
            problems.Add(new MappingProblem(path, "should have field \"direction\" but it doesn't"));
        }
        else
        {
            MappingValidator.ValidateValue(direction, path + "/direction", problems);
        }

        if (!TryGetOption(argument, "objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new MappingProblem(path + "/objects", "should be an array of objects"));
        }
        else
        {
            int i = 0;
            foreach (var item in objects.EnumerateArray())
            {
                MappingValidator.ValidateValue(item, $"{path}/objects/{i++}", problems);
            }
        }
    }
}
