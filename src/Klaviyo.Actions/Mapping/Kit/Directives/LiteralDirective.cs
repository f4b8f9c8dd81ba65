using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@literal": value}</c>: the value as given. As in Segment the value is itself resolved, so a
/// directive nested inside <c>@literal</c> still runs.
/// </summary>
internal sealed class LiteralDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@literal";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path) =>
        MappingEvaluator.Resolve(argument, payload, path);

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems) =>
        MappingValidator.ValidateValue(argument, path, problems);
}
