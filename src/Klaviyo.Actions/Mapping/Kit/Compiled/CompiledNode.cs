using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// One node of a <see cref="CompiledMapping"/>: resolves against an event exactly as
/// <see cref="MappingEvaluator.Resolve"/> resolves the mapping value it was compiled from.
/// </summary>
internal abstract class CompiledNode
{
    /// <summary>The node's value for <paramref name="payload"/> (fresh nodes every call).</summary>
    public abstract CompiledValue Evaluate(JsonElement payload);
}
