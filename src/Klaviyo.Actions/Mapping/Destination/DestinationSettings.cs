namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Destination-level settings, read from <c>settings</c> with Segment's keys (<c>api_key</c>) plus this
/// library's own (<c>create_audience_lists</c>). <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class DestinationSettings
{
    /// <summary>The Klaviyo private API key (Segment's <c>api_key</c>), for building a client. A secret.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Whether an Engage audience without a Klaviyo list gets one created on its first "Audience Entered" event,
    /// as Segment's audience hook does (<c>create_audience_lists</c>, default true).
    /// </summary>
    public bool CreateAudienceLists { get; init; } = true;

    /// <summary>
    /// Whether Upsert Profile marks every profile it writes with <see cref="KlaviyoProfileMarker"/> (the custom property
    /// <c>klaviyo_actions_source: "segment"</c>), so the Klaviyo → Segment sync can recognise profiles that came from
    /// Segment (<c>mark_written_profiles</c>, default false: request bodies are unchanged unless asked). Actions mode only.
    /// </summary>
    public bool MarkWrittenProfiles { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"DestinationSettings {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "<none>" : "***")}, CreateAudienceLists = {CreateAudienceLists}, MarkWrittenProfiles = {MarkWrittenProfiles} }}";
}
