using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary><c>{"@path": "$.a.b"}</c> with a literal path, split once at compile time.</summary>
internal sealed class PathNode(string[] keys) : CompiledNode
{
    /// <inheritdoc />
    public override CompiledValue Evaluate(JsonElement payload) =>
        SegmentPath.TryGet(payload, keys, out var value)
            ? CompiledValue.OfElement(value)
            : CompiledValue.Undefined;
}
