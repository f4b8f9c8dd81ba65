namespace Klaviyo.Actions.Mapping;

/// <summary>One problem in a destination configuration.</summary>
/// <param name="Path">Where, e.g. <c>mappings[2].trigger</c> or <c>mappings[0].mapping/email/@if</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ConfigurationProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
