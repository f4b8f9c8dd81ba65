using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>Anything the compiler does not specialize (other directives, arrays, malformed arguments): the interpreter, with the same path for its errors.</summary>
internal sealed class InterpretedNode(JsonElement mapping, string path) : CompiledNode
{
    /// <inheritdoc />
    public override CompiledValue Evaluate(JsonElement payload) => CompiledValue.Of(MappingEvaluator.Resolve(mapping, payload, path));
}
