using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Kit.Directives;

namespace Klaviyo.Actions.Mapping.Kit;

/// <summary>
/// Resolves mapping-kit mappings the way Segment's actions-core does: raw values are copied, objects and
/// arrays are resolved member by member, and an object whose keys are one <c>@</c>-directive (plus an optional
/// <c>_metadata</c>) is run as that directive. Keys resolving to <c>undefined</c> are left out.
/// </summary>
internal static class MappingEvaluator
{
    private static readonly Dictionary<string, MappingDirective> Directives = new MappingDirective[]
    {
        new PathDirective(),
        new IfDirective(),
        new TemplateDirective(),
        new LiteralDirective(),
        new ArrayPathDirective(),
        new CaseDirective(),
        new ReplaceDirective(),
        new JsonDirective(),
        new FlattenDirective(),
        new MergeDirective(),
        new TransformDirective(),
        new ExcludeWhenNullDirective(),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The directive names understood.</summary>
    public static IReadOnlyCollection<string> DirectiveNames => Directives.Keys;

    /// <summary>Resolves a mapping value against a payload.</summary>
    /// <param name="mapping">The mapping value.</param>
    /// <param name="payload">The event (or item).</param>
    /// <param name="path">The dotted mapping field, for errors.</param>
    public static Resolved Resolve(JsonElement mapping, JsonElement payload, string path)
    {
        switch (mapping.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryGetDirectiveKey(mapping, out string? name))
                {
                    return RunDirective(mapping, name!, payload, path);
                }

                var obj = new JsonObject();
                foreach (var property in mapping.EnumerateObject())
                {
                    var value = Resolve(property.Value, payload, Join(path, property.Name));
                    if (value.IsDefined)
                    {
                        obj[property.Name] = value.Value;
                    }
                    else
                    {
                        obj.Remove(property.Name);
                    }
                }

                return Resolved.Of(obj);
            case JsonValueKind.Array:
                var array = new JsonArray();
                int index = 0;
                foreach (var item in mapping.EnumerateArray())
                {
                    // Segment drops array items that come out undefined before validation.
                    var value = Resolve(item, payload, $"{path}[{index++}]");
                    if (value.IsDefined)
                    {
                        array.Add(value.Value);
                    }
                }

                return Resolved.Of(array);
            default:
                return Resolved.Of(Json.JsonNodes.FromElement(mapping));
        }
    }

    /// <summary>Whether a value is a directive object: some <c>@</c> key and no keys but those and <c>_metadata</c>.</summary>
    public static bool IsDirective(JsonElement value) => value.ValueKind == JsonValueKind.Object && TryGetDirectiveKey(value, out _);

    /// <summary>Finds a directive object's (first) directive key.</summary>
    public static bool TryGetDirectiveKey(JsonElement obj, out string? name)
    {
        name = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
            {
                name ??= property.Name;
            }
            else if (property.Name != "_metadata")
            {
                name = null;
                return false;
            }
        }

        return name is not null;
    }

    /// <summary>Looks a directive up by name.</summary>
    public static bool TryGetDirective(string name, out MappingDirective? directive) => Directives.TryGetValue(name, out directive);

    /// <summary>JavaScript-style type name of a resolved value, for messages.</summary>
    public static string TypeName(Resolved value) =>
        !value.IsDefined ? "undefined" : TypeName(value.Value);

    /// <summary>JavaScript-style type name of a node.</summary>
    public static string TypeName(JsonNode? node) => Json.JsonNodes.KindOf(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    /// <summary>"a string", "an object", ... for an element (directives count as "a directive").</summary>
    public static string Article(JsonElement value)
    {
        string type = value.ValueKind switch
        {
            JsonValueKind.Object => IsDirective(value) ? "directive" : "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        return (type[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + type;
    }

    /// <summary>Joins a dotted field path.</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static Resolved RunDirective(JsonElement obj, string name, JsonElement payload, string path)
    {
        if (!Directives.TryGetValue(name, out var directive))
        {
            throw new MappingEvaluationException(name, path, $"{name} is not a valid directive");
        }

        JsonElement argument = default;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                argument = property.Value;
            }
        }

        return directive.Resolve(argument, payload, path);
    }
}
