namespace Klaviyo.Actions.Mapping.Json;

/// <summary>Why JSON cannot be read as an event, and where.</summary>
/// <param name="Rule">The rule broken: <see cref="JsonScan.InvalidJson"/>, <see cref="JsonScan.MaxDepth"/>, <see cref="JsonScan.DuplicateKey"/> or <see cref="JsonScan.InvalidUnicode"/>.</param>
/// <param name="Path">
/// Where: <c>$</c> for the whole text, else the path of the repeated key or invalid string (<c>properties.items[2].sku</c>,
/// keys that look like personal data shown as <c>&lt;redacted&gt;</c>), or for <see cref="JsonScan.MaxDepth"/> the
/// top-level field that nests too deeply.
/// </param>
internal readonly record struct JsonProblem(string Rule, string Path)
{
    /// <summary>The problem as the exception event parsing throws.</summary>
    public SegmentEventException ToException() => Rule switch
    {
        JsonScan.MaxDepth => new SegmentEventException(Path, Rule, $"the event nests objects or arrays deeper than {SegmentEvent.MaxDepth} levels"),
        JsonScan.DuplicateKey => new SegmentEventException(Path, Rule, "an object in the event names the same property twice"),
        JsonScan.InvalidUnicode => new SegmentEventException(Path, Rule, "a string in the event is not valid Unicode (e.g. a lone surrogate)"),
        _ => new SegmentEventException("$", JsonScan.InvalidJson, "the event is not valid JSON"),
    };
}
