using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@if": {"exists": ..., "then": ..., "else": ...}}</c> (or <c>"blank"</c> instead of <c>"exists"</c>).
/// <c>exists</c> holds when the value is neither undefined nor null; <c>blank</c> also rejects <c>""</c>.
/// As in Segment, <c>then</c> is used whenever it is given, while <c>else</c> is used only when it is a truthy
/// mapping value (an <c>else</c> of <c>false</c>, <c>0</c> or <c>""</c> resolves to undefined).
/// </summary>
internal sealed class IfDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@if";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@if requires an object with an \"exists\" key");
        }

        bool hasExists = TryGetOption(argument, "exists", out var exists);
        bool hasBlank = TryGetOption(argument, "blank", out var blank);
        if (!(hasExists && JsonNodes.IsTruthy(exists)) && !(hasBlank && JsonNodes.IsTruthy(blank)))
        {
            throw Error(path, "@if requires an \"exists\" key or a \"blank\" key");
        }

        bool condition;
        if (hasExists)
        {
            condition = MappingEvaluator.Resolve(exists, payload, path).HasNonNullValue;
        }
        else
        {
            var value = MappingEvaluator.Resolve(blank, payload, path);
            condition = value.HasNonNullValue && !(JsonNodes.TryGetString(value.Value, out string s) && s.Length == 0);
        }

        if (condition && TryGetOption(argument, "then", out var then))
        {
            return MappingEvaluator.Resolve(then, payload, path);
        }

        if (!condition && TryGetOption(argument, "else", out var otherwise) && JsonNodes.IsTruthy(otherwise))
        {
            return MappingEvaluator.Resolve(otherwise, payload, path);
        }

        return Resolved.Undefined;
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        bool hasCondition = false;
        foreach (string key in new[] { "exists", "blank", "then", "else" })
        {
            if (TryGetOption(argument, key, out var value))
            {
                hasCondition |= key is "exists" or "blank" && JsonNodes.IsTruthy(value);
                MappingValidator.ValidateValue(value, path + "/" + key, problems);
            }
        }

        if (!hasCondition)
        {
            problems.Add(new MappingProblem(path, "should have field \"exists\" or \"blank\" but it doesn't"));
        }
    }
}
