using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@path": "$.traits.email"}</c>: the value at a path of the event (a copy), or <c>undefined</c>.
/// The first <c>$.</c> is removed; <c>$.</c> alone is the whole event.
/// </summary>
internal sealed class PathDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@path";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        string location = ResolveString(argument, payload, path);
        return Lookup(payload, location);
    }

    /// <summary>Looks a Segment path (with optional <c>$.</c>) up in a payload.</summary>
    public static Resolved Lookup(JsonElement payload, string location) =>
        SegmentPath.TryGet(payload, SegmentPath.StripRoot(location), out var value)
            ? Resolved.Of(JsonNodes.FromElement(value))
            : Resolved.Undefined;

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems) =>
        ValidateStringOrDirective(argument, path, problems);
}
