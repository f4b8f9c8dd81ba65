namespace Klaviyo.Actions.Batching;

/// <summary>What happened to one item handed to a bulk call or the background queue.</summary>
public enum KlaviyoItemStatus
{
    /// <summary>
    /// Klaviyo accepted the request carrying the item (2xx). For asynchronous endpoints this means
    /// "accepted for processing", not "processed"; see <see cref="KlaviyoItemOutcome.JobConfirmation"/>.
    /// </summary>
    Accepted,

    /// <summary>The item failed validation and was never sent; see <see cref="KlaviyoItemOutcome.ValidationErrors"/>.</summary>
    Invalid,

    /// <summary>
    /// Klaviyo refused the item (a row error pointing at it, an import error, or a non-transient 4xx for its
    /// request). Resending it unchanged will not help; see <see cref="KlaviyoItemOutcome.Error"/>.
    /// </summary>
    Rejected,

    /// <summary>
    /// The item was not delivered for a reason other than its content: a transient status (408, 429, 5xx)
    /// after retries, 401/403, a transport failure, cancellation or shutdown. It is safe to send again later.
    /// </summary>
    Failed,
}
