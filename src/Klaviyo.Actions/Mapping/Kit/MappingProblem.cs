namespace Klaviyo.Actions.Mapping;

/// <summary>A structural problem in a mapping, found before any event is mapped.</summary>
/// <param name="Path">Where in the mapping, e.g. <c>/email/@if/then</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>has an invalid directive: @pathh</c>.</param>
public sealed record MappingProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} {Message}";
}
