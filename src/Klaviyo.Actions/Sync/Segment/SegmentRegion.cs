namespace Klaviyo.Actions.Sync.Segment;

/// <summary>Where a Segment workspace receives tracking calls.</summary>
public enum SegmentRegion
{
    /// <summary>Segment's US endpoint, <c>https://api.segment.io/</c> (the default).</summary>
    Us,

    /// <summary>Segment's EU endpoint, <c>https://events.eu1.segmentapis.com/</c>.</summary>
    Eu,
}
