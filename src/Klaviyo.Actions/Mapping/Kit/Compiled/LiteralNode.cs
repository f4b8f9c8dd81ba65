using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>A literal (string, number, boolean, null): a fresh node each time, since a node has one parent.</summary>
internal sealed class LiteralNode(JsonElement literal) : CompiledNode
{
    /// <inheritdoc />
    public override Resolved Evaluate(JsonElement payload) => Resolved.Of(JsonNodes.FromElement(literal));
}
