using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>A literal (string, number, boolean, null): kept as the mapping's element (a scalar is never changed; null is a null node).</summary>
internal sealed class LiteralNode(JsonElement literal) : CompiledNode
{
    /// <inheritdoc />
    public override CompiledValue Evaluate(JsonElement payload) => CompiledValue.OfElement(literal);
}
