namespace Klaviyo.Actions.Batching;

/// <summary>Whether an accepted item's asynchronous Klaviyo job (bulk profile import) was followed to its end.</summary>
public enum KlaviyoJobConfirmation
{
    /// <summary>No job was followed: the endpoint has no job, or job tracking was off.</summary>
    NotTracked,

    /// <summary>The job completed and reported no import error for this item.</summary>
    Confirmed,

    /// <summary>
    /// Tracking was requested but the job's result for this item is unknown (the job did not finish before the
    /// deadline, it could not be read, or its errors could not be matched to items). The item was accepted;
    /// whether Klaviyo processed it is not known.
    /// </summary>
    Unconfirmed,
}
