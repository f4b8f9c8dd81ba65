using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// A field mapping prepared once for many events: plain objects, literals, <c>@path</c> with a literal path and
/// well-formed <c>@if</c> become nodes that skip the per-event directive look-up, argument reading, path parsing and
/// error-path strings; everything else runs through <see cref="MappingEvaluator"/> unchanged. The result equals
/// <see cref="MappingKit.Evaluate"/> for every mapping and event (same values, key order and errors).
/// </summary>
internal sealed class CompiledMapping
{
    private readonly JsonElement _mapping;
    private readonly CompiledNode _root;

    private CompiledMapping(JsonElement mapping, CompiledNode root)
    {
        _mapping = mapping;
        _root = root;
    }

    /// <summary>Compiles <paramref name="mapping"/> (the element must outlive this object; clone it first if needed).</summary>
    public static CompiledMapping Compile(JsonElement mapping) => new(mapping, Compile(mapping, string.Empty));

    /// <summary>As <see cref="MappingKit.Evaluate"/>.</summary>
    /// <exception cref="ArgumentException">The mapping or the payload is not a JSON object.</exception>
    /// <exception cref="MappingEvaluationException">A directive could not be evaluated.</exception>
    public JsonObject Evaluate(JsonElement payload)
    {
        return EvaluateRoot(payload).ToNode() as JsonObject ?? [];
    }

    /// <summary>
    /// As <see cref="Evaluate"/>, but the root (and any nested plain object of distinct keys) stays a
    /// <see cref="MappedObject"/>: the mapped path reads it without building <see cref="JsonObject"/> trees.
    /// </summary>
    /// <returns>The mapped root, or <see langword="null"/> when the root is not a plain object of distinct keys (then use <see cref="Evaluate"/>).</returns>
    /// <exception cref="ArgumentException">The mapping or the payload is not a JSON object.</exception>
    /// <exception cref="MappingEvaluationException">A directive could not be evaluated.</exception>
    public MappedObject? EvaluateMapped(JsonElement payload, out JsonObject? fallback)
    {
        var value = EvaluateRoot(payload);
        if (value.Mapped is { } mapped)
        {
            fallback = null;
            return mapped;
        }

        fallback = value.Node as JsonObject ?? [];
        return null;
    }

    private CompiledValue EvaluateRoot(JsonElement payload)
    {
        if (_mapping.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The mapping must be a JSON object.", nameof(payload));
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The payload must be a JSON object.", nameof(payload));
        }

        return _root.Evaluate(payload);
    }

    private static CompiledNode Compile(JsonElement mapping, string path)
    {
        switch (mapping.ValueKind)
        {
            case JsonValueKind.Object:
                if (!MappingEvaluator.TryGetDirectiveKey(mapping, out string? name))
                {
                    var keys = new List<string>();
                    var values = new List<CompiledNode>();
                    foreach (var property in mapping.EnumerateObject())
                    {
                        keys.Add(property.Name);
                        values.Add(Compile(property.Value, MappingEvaluator.Join(path, property.Name)));
                    }

                    return new ObjectNode([.. keys], [.. values]);
                }

                return CompileDirective(mapping, name!, path) ?? new InterpretedNode(mapping, path);
            case JsonValueKind.Array:
                return new InterpretedNode(mapping, path);
            default:
                return new LiteralNode(mapping);
        }
    }

    private static CompiledNode? CompileDirective(JsonElement mapping, string name, string path)
    {
        JsonElement argument = default;
        foreach (var property in mapping.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                argument = property.Value;
            }
        }

        return name switch
        {
            "@path" when argument.ValueKind == JsonValueKind.String =>
                new PathNode([.. SegmentPath.Split(SegmentPath.StripRoot(argument.GetString()!))]),
            "@if" => CompileIf(argument, path),
            _ => null,
        };
    }

    private static IfNode? CompileIf(JsonElement argument, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            return null;
        }

        bool hasExists = TryGetLast(argument, "exists", out var exists);
        bool hasBlank = TryGetLast(argument, "blank", out var blank);
        if (!(hasExists && JsonNodes.IsTruthy(exists)) && !(hasBlank && JsonNodes.IsTruthy(blank)))
        {
            return null;
        }

        var condition = hasExists ? Compile(exists, path) : Compile(blank, path);
        var then = TryGetLast(argument, "then", out var thenValue) ? Compile(thenValue, path) : null;
        var otherwise = TryGetLast(argument, "else", out var elseValue) && JsonNodes.IsTruthy(elseValue) ? Compile(elseValue, path) : null;
        return new IfNode(condition, isBlank: !hasExists, then, otherwise);
    }

    private static bool TryGetLast(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        bool found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }
}
