namespace Klaviyo.Actions.Mapping;

/// <summary>Why a mapping did not apply to an event.</summary>
public enum SkipReason
{
    /// <summary>The mapping's trigger does not match the event.</summary>
    TriggerNotMatched,

    /// <summary>The mapping is disabled (<c>"enabled": false</c>).</summary>
    Disabled,

    /// <summary>A Reverse ETL mapping does not handle this change type (added / updated / deleted).</summary>
    ChangeTypeNotMapped,

    /// <summary>Classic mode handles only identify and track calls.</summary>
    UnsupportedEventType,

    /// <summary>
    /// The event's <c>integrations</c> object turns this destination off (<c>"Klaviyo": false</c>, or <c>"All": false</c>
    /// without enabling Klaviyo), as Segment would not deliver it; see <see cref="SegmentEvent.IsDisabledFor(string)"/>.
    /// </summary>
    IntegrationDisabled,
}
