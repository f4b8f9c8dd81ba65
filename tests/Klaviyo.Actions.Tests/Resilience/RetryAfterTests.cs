using System.Net;
using System.Net.Http.Headers;
using Klaviyo.Actions.Tests.Http.TestSupport;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Resilience;

/// <summary>Server-driven waits: Retry-After (delta and date), the throttling detail, and the backoff fallback.</summary>
public class RetryAfterTests
{
    private static readonly TimeSpan ShortWaits = TimeSpan.FromSeconds(20);

    private const string ThrottledDetail = """
        {"errors":[{"id":"e1","status":429,"code":"throttled","title":"Request was throttled.","detail":"Request was throttled. Expected available in 4 seconds.","source":{"pointer":"/data/"}}]}
        """;

    [Test]
    public async Task Retry_after_delta_seconds_waits_that_long_of_fake_time()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);

        h.Time.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1), "retried before Retry-After elapsed");

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var response = await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
            Assert.That(h.Klaviyo.Requests[1].At - TransportHarness.Start, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public async Task Retry_after_http_date_is_measured_from_the_time_providers_now()
    {
        using var h = new TransportHarness();
        h.Time.Advance(TimeSpan.FromSeconds(10)); // "now" is no longer the harness start
        var retryAt = h.Time.GetUtcNow().AddSeconds(5);
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(retryAt))
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(h.Klaviyo.Requests[1].At, Is.EqualTo(retryAt));
        });
    }

    [Test]
    public async Task Retry_after_is_honoured_on_503_too()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.ServiceUnavailable, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(delay);
        await call.Settled();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task Retry_after_longer_than_max_delay_is_capped()
    {
        using var h = new TransportHarness(o => o.Resilience.MaxDelay = TimeSpan.FromSeconds(10));
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(600)))
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(delay);
        await call.Settled();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task A_429_without_header_waits_what_the_throttling_detail_says()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.TooManyRequests, ThrottledDetail).ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(TimeSpan.FromMilliseconds(3999));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await call.Settled();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromSeconds(4)));
    }

    [Test]
    public async Task Reading_the_detail_leaves_the_body_readable_for_the_final_error()
    {
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 1);
        h.Klaviyo.Then(HttpStatusCode.TooManyRequests, ThrottledDetail);

        var call = h.GetAccountsAsync();
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var error = await call.ThrowsAsync<KlaviyoApiException>();

        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
            Assert.That(error.IsRateLimited, Is.True);
            Assert.That(error.Errors, Has.Count.EqualTo(1));
            Assert.That(error.Errors[0].Code, Is.EqualTo("throttled"));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(4)));
        });
    }

    [Test]
    public async Task A_429_without_header_or_detail_backs_off_exponentially()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, """{"errors":[]}""")
            .Then(HttpStatusCode.TooManyRequests)
            .ThenOk();

        var call = h.GetAccountsAsync();
        var first = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(first);
        var second = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(second);
        await call.Settled();

        // Jitter is fixed at 0.5 in the harness: half the step plus half of the other half.
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
            Assert.That(second, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_zero_retry_after_falls_back_to_backoff_instead_of_retrying_at_once()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero))
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(delay);
        await call.Settled();

        Assert.That(delay, Is.EqualTo(TimeSpan.FromMilliseconds(750)));
    }
}
