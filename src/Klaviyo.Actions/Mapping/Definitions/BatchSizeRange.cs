namespace Klaviyo.Actions.Mapping;

/// <summary>An action's <c>batch_size</c> default and bounds in Segment.</summary>
/// <param name="Default">The default batch size.</param>
/// <param name="Minimum">The smallest allowed.</param>
/// <param name="Maximum">The largest allowed.</param>
public sealed record BatchSizeRange(int Default, int Minimum, int Maximum);
