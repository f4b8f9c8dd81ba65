using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary><c>{"@excludeWhenNull": ...}</c>: the value, except that JSON null becomes undefined (the key is left out).</summary>
internal sealed class ExcludeWhenNullDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@excludeWhenNull";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        var value = MappingEvaluator.Resolve(argument, payload, path);
        return value.IsDefined && value.Value is null ? Resolved.Undefined : value;
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems) =>
        MappingValidator.ValidateValue(argument, path, problems);
}
