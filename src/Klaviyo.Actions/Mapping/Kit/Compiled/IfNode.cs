using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// <c>{"@if": {"exists" | "blank": …, "then": …, "else": …}}</c> whose argument is well formed (checked at compile
/// time, as <see cref="Directives.IfDirective"/> checks it on every call).
/// </summary>
/// <param name="condition">The <c>exists</c> value, or the <c>blank</c> value when there is no <c>exists</c>.</param>
/// <param name="isBlank">Whether <paramref name="condition"/> is <c>blank</c> (an empty string counts as absent).</param>
/// <param name="then">The <c>then</c> value, if given.</param>
/// <param name="otherwise">The <c>else</c> value, if given and truthy.</param>
internal sealed class IfNode(CompiledNode condition, bool isBlank, CompiledNode? then, CompiledNode? otherwise) : CompiledNode
{
    /// <inheritdoc />
    public override CompiledValue Evaluate(JsonElement payload)
    {
        var value = condition.Evaluate(payload);
        bool holds = value.HasNonNullValue && !(isBlank && value.IsEmptyString);
        var branch = holds ? then : otherwise;
        return branch is null ? CompiledValue.Undefined : branch.Evaluate(payload);
    }
}
