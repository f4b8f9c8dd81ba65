using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@arrayPath": ["$.properties.products", {"sku": {"@path": "$.sku"}}]}</c>: the value at a path, and
/// when an item shape is given, each item (a single object counts as one item) mapped with that shape.
/// </summary>
internal sealed class ArrayPathDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@arrayPath";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() == 0)
        {
            throw Error(path, $"@arrayPath expected array, got {(argument.ValueKind == JsonValueKind.Array ? "an empty array" : MappingEvaluator.Article(argument))}");
        }

        var location = argument[0];
        Resolved root = location.ValueKind == JsonValueKind.String
            ? PathDirective.Lookup(payload, location.GetString()!)
            : MappingEvaluator.Resolve(location, payload, path);

        var shape = argument.GetArrayLength() > 1 ? argument[1] : default;
        bool hasShape = shape.ValueKind == JsonValueKind.Object && !MappingEvaluator.IsDirective(shape) && shape.EnumerateObject().Any();
        var kind = JsonNodes.KindOf(root.Value);
        if (!root.IsDefined || !hasShape || (kind != JsonValueKind.Object && kind != JsonValueKind.Array))
        {
            return root;
        }

        var items = root.Value is JsonArray array ? array.ToList() : [root.Value];
        var result = new JsonArray();
        int index = 0;
        foreach (var item in items)
        {
            var mapped = MappingEvaluator.Resolve(shape, JsonNodes.ToElement(item), $"{path}[{index++}]");
            if (mapped.IsDefined)
            {
                result.Add(mapped.Value);
            }
        }

        return Resolved.Of(result);
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (argument.ValueKind != JsonValueKind.Array || argument.GetArrayLength() == 0)
        {
            problems.Add(new MappingProblem(path, $"should be an array but it is {MappingEvaluator.Article(argument)}"));
            return;
        }

        ValidateStringOrDirective(argument[0], path, problems);
        if (argument.GetArrayLength() > 1)
        {
            MappingValidator.ValidateValue(argument[1], path, problems);
        }
    }
}
