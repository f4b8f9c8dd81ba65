namespace Klaviyo.Actions;

/// <summary>
/// Reads what changed in a Klaviyo account: profiles by <c>updated</c>, events by <c>datetime</c>, and the metrics.
/// <see cref="KlaviyoClient"/> implements it over the same transport as its writes (authentication, client-side rate
/// limiter per endpoint, retries honouring <c>Retry-After</c>). Separate from <see cref="IKlaviyoClient"/> so existing
/// implementations of that interface keep compiling.
/// </summary>
public interface IKlaviyoReadClient
{
    /// <summary>
    /// Profiles updated strictly after <paramref name="updatedAfter"/>, oldest change first: <c>GET /api/profiles</c> with
    /// <c>filter=greater-than(updated,…)</c>, <c>sort=updated</c> and <c>page[size]</c>, following <c>links.next</c>.
    /// </summary>
    /// <param name="updatedAfter">The exclusive lower bound.</param>
    /// <param name="pageSize">Profiles per page, 1 to 100 (Klaviyo's maximum, the default).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The pages, read one at a time as they are enumerated.</returns>
    IAsyncEnumerable<KlaviyoPage<KlaviyoProfile>> GetProfilesUpdatedAfterAsync(DateTimeOffset updatedAfter, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events that happened strictly after <paramref name="after"/>, oldest first, with their metric and profile:
    /// <c>GET /api/events</c> with <c>filter=greater-than(datetime,…)</c> (and <c>equals(metric_id,"…")</c>),
    /// <c>sort=datetime</c> and <c>include=metric,profile</c>, following <c>links.next</c>.
    /// </summary>
    /// <param name="after">The exclusive lower bound on the event's <c>datetime</c>.</param>
    /// <param name="metricId">Only this metric's events; all events when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The pages, read one at a time as they are enumerated.</returns>
    IAsyncEnumerable<KlaviyoPage<KlaviyoEvent>> GetEventsAfterAsync(DateTimeOffset after, string? metricId = null, CancellationToken cancellationToken = default);

    /// <summary>Every metric of the account (<c>GET /api/metrics</c>, all pages).</summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The metrics.</returns>
    Task<IReadOnlyList<KlaviyoMetric>> GetMetricsAsync(CancellationToken cancellationToken = default);
}
