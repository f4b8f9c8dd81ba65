namespace Klaviyo.Actions.Batching;

/// <summary>Receives item outcomes from the bulk engine as they become known.</summary>
internal interface IBulkOutcomeSink
{
    /// <summary>The item's final outcome; called exactly once per item.</summary>
    void OnCompleted(int index, KlaviyoItemOutcome outcome);

    /// <summary>
    /// Klaviyo accepted the item's request and its job is being followed; the final outcome comes later.
    /// Lets a queue that must stop early report "accepted, unconfirmed" instead of "not delivered".
    /// </summary>
    void OnProvisional(int index, KlaviyoItemOutcome outcome);

    /// <summary>Every bulk request of the run has finished; only job tracking may still be running. Called once.</summary>
    void OnRequestsFinished();
}
