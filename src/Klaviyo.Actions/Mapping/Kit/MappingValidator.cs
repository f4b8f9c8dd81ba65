using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit;

/// <summary>
/// Checks a mapping's structure before use, as Segment does when a mapping is saved: one directive per
/// directive object, no directive keys mixed with plain keys, only known directives, arguments of the right shape.
/// </summary>
internal static class MappingValidator
{
    /// <summary>Validates a mapping value; problems are added with their location.</summary>
    public static void ValidateValue(JsonElement value, string path, List<MappingProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(value, path, problems);
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    ValidateValue(item, $"{path}/{index++}", problems);
                }

                break;
        }
    }

    private static void ValidateObject(JsonElement value, string path, List<MappingProblem> problems)
    {
        var directiveKeys = new List<string>();
        var otherKeys = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
            {
                directiveKeys.Add(property.Name);
            }
            else if (property.Name != "_metadata")
            {
                otherKeys.Add(property.Name);
            }
        }

        if (directiveKeys.Count == 0)
        {
            foreach (var property in value.EnumerateObject())
            {
                ValidateValue(property.Value, $"{path}/{property.Name}", problems);
            }

            return;
        }

        string where = path.Length == 0 ? "/" : path;
        if (otherKeys.Count > 0)
        {
            problems.Add(new MappingProblem(where, $"shouldn't mix a directive ({directiveKeys[0]}) with other keys ({string.Join(", ", otherKeys)})"));
            return;
        }

        if (directiveKeys.Count > 1)
        {
            problems.Add(new MappingProblem(where, $"should only have one @-prefixed key but it has {directiveKeys.Count} keys ({string.Join(", ", directiveKeys)})"));
            return;
        }

        string name = directiveKeys[0];
        if (!MappingEvaluator.TryGetDirective(name, out var directive))
        {
            problems.Add(new MappingProblem(where, $"has an invalid directive: {name}"));
            return;
        }

        directive!.Validate(value.GetProperty(name), $"{path}/{name}", problems);
    }
}
