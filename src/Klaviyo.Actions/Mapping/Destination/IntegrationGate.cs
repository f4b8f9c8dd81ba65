namespace Klaviyo.Actions.Mapping;

/// <summary>
/// The no-echo rule of the forward direction: an event whose <c>integrations</c> turn Klaviyo off is skipped by every
/// mapping (<see cref="SkipReason.IntegrationDisabled"/>) without being mapped. Messages the Klaviyo → Segment sync
/// sends carry <c>{"Klaviyo": false, "Klaviyo (Actions)": false}</c>, so they never come back into Klaviyo.
/// </summary>
internal static class IntegrationGate
{
    /// <summary>The names Segment gives this destination in <c>integrations</c>: the classic one and the Actions one.</summary>
    public static readonly string[] DestinationNames = ["Klaviyo", "Klaviyo (Actions)"];

    /// <summary>The result of an event no mapping may see: one skipped outcome per event mapping (and classic mode).</summary>
    public static EventResult Skipped(int index, SegmentEvent segmentEvent, DestinationConfiguration configuration)
    {
        var outcomes = new List<MappingOutcome>(configuration.Mappings.Count + 1);
        if (configuration.Classic is not null)
        {
            outcomes.Add(new SkippedOutcome("classic", segmentEvent.TypeName, SkipReason.IntegrationDisabled));
        }

        foreach (var mapping in configuration.Mappings)
        {
            if (!mapping.IsReverseEtl)
            {
                outcomes.Add(new SkippedOutcome(mapping.Name, mapping.Action.Slug, SkipReason.IntegrationDisabled));
            }
        }

        return new EventResult(index, segmentEvent.MessageId, segmentEvent.Type, null, outcomes);
    }
}
