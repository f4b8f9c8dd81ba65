namespace Klaviyo.Actions.Mapping;

/// <summary>Where an event's result goes once every one of its mappings has its final outcome.</summary>
internal interface IEventResultSink
{
    /// <summary>The event's result; called once per event, from whichever thread gave the last outcome.</summary>
    void OnResult(EventResult result);
}
