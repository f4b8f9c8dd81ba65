using System.Net;
using Klaviyo.Actions.Api;
using Polly;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// How long to wait before a retry. A 429 or 503 with <c>Retry-After</c> (delta seconds or an HTTP date,
/// relative to the <see cref="TimeProvider"/>'s now) waits what Klaviyo asked; a 429 without the header waits
/// what its JSON:API detail says ("Expected available in N seconds"); anything else backs off exponentially with
/// jitter. Every wait is capped at <see cref="KlaviyoResilienceOptions.MaxDelay"/>.
/// </summary>
internal sealed class KlaviyoRetryDelay
{
    public const string FromRetryAfterHeader = "Retry-After header";
    public const string FromThrottlingDetail = "throttling detail";
    public const string FromBackoff = "backoff";

    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _timeProvider;
    private readonly Func<double> _random;

    /// <summary>Creates the delay calculator.</summary>
    /// <param name="options">Base and maximum delay.</param>
    /// <param name="timeProvider">The clock HTTP-date <c>Retry-After</c> values are measured against.</param>
    /// <param name="random">Jitter source returning values in [0, 1).</param>
    public KlaviyoRetryDelay(KlaviyoResilienceOptions options, TimeProvider timeProvider, Func<double> random)
    {
        _baseDelay = options.BaseDelay;
        _maxDelay = options.MaxDelay;
        _timeProvider = timeProvider;
        _random = random;
    }

    /// <summary>The delay before retry number <paramref name="retryIndex"/> (0 for the first retry) and where it came from.</summary>
    public async ValueTask<(TimeSpan Delay, string Source)> GetAsync(Outcome<HttpResponseMessage> outcome, int retryIndex, CancellationToken cancellationToken)
    {
        if (outcome.Result is { } response &&
            response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
        {
            if (KlaviyoErrorParser.RetryAfter(response, _timeProvider) is { } header && header > TimeSpan.Zero)
            {
                return (Cap(header), FromRetryAfterHeader);
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests &&
                await FromDetailAsync(response, cancellationToken).ConfigureAwait(false) is { } detail &&
                detail > TimeSpan.Zero)
            {
                return (Cap(detail), FromThrottlingDetail);
            }
        }

        return (Backoff(retryIndex), FromBackoff);
    }

    /// <summary>
    /// Exponential backoff with "equal jitter": the step is <c>BaseDelay · 2^retryIndex</c> capped at MaxDelay,
    /// and the wait is uniformly between half the step and the full step, so concurrent callers spread out
    /// without any of them retrying almost at once.
    /// </summary>
    public TimeSpan Backoff(int retryIndex)
    {
        double step = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30));
        step = Math.Min(step, _maxDelay.TotalMilliseconds);
        double jittered = (step / 2) + (_random() * step / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }

    private TimeSpan Cap(TimeSpan delay) => delay > _maxDelay ? _maxDelay : delay;

    private static async ValueTask<TimeSpan?> FromDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // The transport asks HttpClient for ResponseContentRead, so the body is already buffered; buffering
            // again is a no-op and keeps the content readable for whoever reads it after us.
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
#endif
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return KlaviyoErrorParser.RetryAfterFromDetail(KlaviyoErrorParser.ParseErrors(body));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
        {
            return null;
        }
    }
}
