using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Http.RateLimiting;
using Klaviyo.Actions.Resilience;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Http.RateLimiting;

/// <summary>The client-side rate limiter through the real transport and send policy, on fake time.</summary>
public class RateLimiterTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"data":[{"type":"profile","id":"p1"}]}""");

    [Test]
    public async Task A_burst_on_an_M_tier_operation_gets_ten_calls_per_second_and_150_per_minute()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.NoContent);

        var calls = Enumerable.Range(0, 200)
            .Select(_ => h.SendAsync(KlaviyoOperation.AddProfilesToList, HttpMethod.Post, "api/lists/L1/relationships/profiles", Body))
            .ToList();

        // Calls get their slots in order, so the first n calls are the ones due by now. Each step waits for
        // them to finish before moving fake time on, so no in-flight request meets a timeout it would never see.
        async Task ExpectSentAsync(int n, string when)
        {
            await Task.WhenAll(calls.Take(n)).Settled();
            Assert.That(h.Klaviyo.Count, Is.EqualTo(n), when);
        }

        await ExpectSentAsync(10, "at t=0");
        h.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(10), "at t=0.999 s");

        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        await ExpectSentAsync(20, "at t=1 s");
        for (int second = 2; second < 15; second++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await ExpectSentAsync(10 * (second + 1), $"at t={second} s");
        }

        // 150 calls in the first minute; the steady window holds the rest until the first grants age out.
        h.Time.Advance(TimeSpan.FromSeconds(60) - TimeSpan.FromMilliseconds(1) - h.Elapsed);
        Assert.That(h.Klaviyo.Count, Is.EqualTo(150), "at t=59.999 s");

        h.Time.Advance(TimeSpan.FromMilliseconds(1)); // t = 60 s
        await ExpectSentAsync(160, "at t=60 s");

        for (int second = 61; second < 65; second++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await ExpectSentAsync(10 * (second - 60 + 16), $"at t={second} s");
        }

        var times = h.Klaviyo.Requests.Select(r => r.At).ToList();
        foreach (var start in times.Distinct())
        {
            Assert.That(times.Count(t => t >= start && t < start.AddSeconds(1)), Is.LessThanOrEqualTo(10));
            Assert.That(times.Count(t => t >= start && t < start.AddMinutes(1)), Is.LessThanOrEqualTo(150));
        }
    }

    [Test]
    public async Task Share_lowers_the_limits()
    {
        using var h = new TransportHarness(o => o.RateLimiting.Share = 0.5);
        h.Klaviyo.Then(HttpStatusCode.NoContent);

        var calls = Enumerable.Range(0, 12)
            .Select(_ => h.SendAsync(KlaviyoOperation.AddProfilesToList, HttpMethod.Post, "api/lists/L1/relationships/profiles", Body))
            .ToList();

        await h.Klaviyo.WaitForRequestsAsync(5);
        Assert.That(h.Klaviyo.Count, Is.EqualTo(5));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await h.Klaviyo.WaitForRequestsAsync(10);
        Assert.That(h.Klaviyo.Count, Is.EqualTo(10));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(calls).Settled();
    }

    [Test]
    public async Task Endpoints_are_limited_separately()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.NoContent);

        var first = h.GetAccountsAsync();
        var otherEndpoint = h.SendAsync(KlaviyoOperation.RequestProfileDeletion, HttpMethod.Post, "api/data-privacy-deletion-jobs", Body);
        await Task.WhenAll(first, otherEndpoint).Settled();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
        Assert.That(h.Time.Armed.Where(d => d < TimeSpan.FromSeconds(20)), Is.Empty, "nobody waited");
    }

    [Test]
    public async Task Two_clients_given_the_same_limiter_share_it()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenOk();
        var second = SecondTransport(h, h.Options.ApiKey!, h.Options.BaseAddress, h.RateLimiter);

        await h.GetAccountsAsync().Settled(); // XS: 1 per second
        var waiting = second.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None);

        var wait = await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20));
        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
        h.Time.Advance(wait);
        await waiting.Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Clients_with_their_own_limiters_do_not_share_even_with_the_same_key_and_clock()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenOk();
        var second = SecondTransport(h, h.Options.ApiKey!, h.Options.BaseAddress, rateLimiter: null);

        await h.GetAccountsAsync().Settled(); // XS: 1 per second, used up in the harness's limiter
        await second.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(2), "the second client's own limiter had a free slot");
    }

    [Test]
    public async Task Clients_with_different_keys_or_hosts_do_not_share_even_one_limiter()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenOk();
        var otherKey = SecondTransport(h, "pk_other_" + Guid.NewGuid().ToString("N"), h.Options.BaseAddress, h.RateLimiter);
        var otherHost = SecondTransport(h, h.Options.ApiKey!, new Uri("https://klaviyo-proxy.example/"), h.RateLimiter);

        await h.GetAccountsAsync().Settled();
        await otherKey.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();
        await otherHost.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
    }

    [Test]
    public async Task New_clients_share_limits_only_when_given_the_same_limiter()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenOk("""{"data":[{"type":"account","id":"A1","attributes":{}}]}""");
        var options = new KlaviyoClientOptions { ApiKey = h.Options.ApiKey };
        var own1 = new KlaviyoClient(h.Klaviyo.CreateClient(), options, timeProvider: h.Time);
        var own2 = new KlaviyoClient(h.Klaviyo.CreateClient(), new KlaviyoClientOptions { ApiKey = h.Options.ApiKey, Revision = "2026-01-15" }, timeProvider: h.Time);

        await own1.GetAccountAsync().Settled();
        await own2.GetAccountAsync().Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2), "each client owns its limiter");

        using var shared = new KlaviyoInProcessRateLimiter(h.Time);
        var shared1 = new KlaviyoClient(h.Klaviyo.CreateClient(), options, shared, timeProvider: h.Time);
        var shared2 = new KlaviyoClient(h.Klaviyo.CreateClient(), options, shared, timeProvider: h.Time);
        await shared1.GetAccountAsync().Settled();
        var waiting = shared2.GetAccountAsync();
        Assert.That(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await waiting.Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(4));
    }

    [Test]
    public void The_account_id_never_contains_the_raw_api_key()
    {
        string key = "pk_secret_" + Guid.NewGuid().ToString("N");
        string id = KlaviyoAccountId.For(KlaviyoClientOptions.DefaultBaseAddress, key);

        Assert.That(id, Does.Not.Contain(key).And.Not.Contain(key[3..]));
        Assert.That(id, Has.Length.EqualTo(64));
        Assert.That(KlaviyoAccountId.For(KlaviyoClientOptions.DefaultBaseAddress, key), Is.EqualTo(id));
    }

    [Test]
    public async Task The_in_process_limiter_refuses_with_the_needed_wait_and_reports_its_waits()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TransportHarness.Start);
        using var limiter = new KlaviyoInProcessRateLimiter(time);
        var request = new KlaviyoRateLimitRequest("account", "get_accounts", new KlaviyoRateLimitWindows(1, 15), TimeSpan.FromMilliseconds(1500));

        using var first = await limiter.AcquireAsync(request);
        var second = limiter.AcquireAsync(request).AsTask();
        using var refusedNow = limiter.AttemptAcquire(request);
        using var tooFar = await limiter.AcquireAsync(request); // the next slot is at 2 s: beyond 1.5 s
        time.Advance(TimeSpan.FromSeconds(1));
        using var granted = await second.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(first.IsAcquired, Is.True);
            Assert.That(first.TryGetMetadata(KlaviyoRateLimitRequest.WaitedMetadata, out var none) ? none : TimeSpan.MinValue, Is.EqualTo(TimeSpan.Zero));
            Assert.That(refusedNow.IsAcquired, Is.False, "AttemptAcquire grants only a slot free now");
            Assert.That(tooFar.IsAcquired, Is.False);
            Assert.That(tooFar.TryGetMetadata(MetadataName.RetryAfter, out var needed) ? needed : TimeSpan.MinValue, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(granted.IsAcquired, Is.True);
            Assert.That(granted.TryGetMetadata(KlaviyoRateLimitRequest.WaitedMetadata, out var waited) ? waited : TimeSpan.MinValue, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(() => limiter.AttemptAcquire(request, 2), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public async Task A_call_that_would_wait_longer_than_max_wait_fails_at_once_without_being_sent()
    {
        using var h = new TransportHarness(o => o.RateLimiting.MaxWait = TimeSpan.FromMilliseconds(500));
        h.Klaviyo.ThenOk();

        await h.GetAccountsAsync().Settled();
        var error = await h.GetAccountsAsync().ThrowsAsync<KlaviyoRateLimiterTimeoutException>();

        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
            Assert.That(error.Operation, Is.EqualTo("get_accounts"));
            Assert.That(error.RequiredWait, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(error.MaxWait, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(error.Message, Does.Contain("MaxWait"));
        });
    }

    [Test]
    public async Task A_canceled_wait_gives_its_slot_back()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenOk();
        await h.GetAccountsAsync().Settled();

        using var cts = new CancellationTokenSource();
        var canceled = h.GetAccountsAsync(cts.Token);
        Assert.That(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)), Is.EqualTo(TimeSpan.FromSeconds(1)));
        cts.Cancel();
        Assert.That(async () => await canceled.Settled(), Throws.InstanceOf<OperationCanceledException>());

        var next = h.GetAccountsAsync();
        Assert.That(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)), Is.EqualTo(TimeSpan.FromSeconds(1)), "the slot at 1 s is free again");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await next.Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Waiting_in_the_limiter_does_not_count_against_the_total_timeout()
    {
        using var h = new TransportHarness(o =>
        {
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
        });
        h.Klaviyo.ThenOk();
        var calls = Enumerable.Range(0, 5).Select(_ => h.GetAccountsAsync()).ToList(); // XS: slots at 0..4 s

        await calls[0].Settled();
        for (int i = 1; i <= 4; i++)
        {
            // Each call waited i seconds for its slot, longer than the 2 s total timeout, and still succeeds.
            h.Time.Advance(TimeSpan.FromSeconds(1));
            await calls[i].Settled();
        }

        await Task.WhenAll(calls).Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(5));
    }

    [Test]
    public async Task With_rate_limiting_disabled_nothing_waits()
    {
        using var h = new TransportHarness(o => o.RateLimiting.Enabled = false);
        h.Klaviyo.ThenOk();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => h.GetAccountsAsync())).Settled();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(20));
    }

    private static KlaviyoTransport SecondTransport(TransportHarness h, string apiKey, Uri baseAddress, KlaviyoInProcessRateLimiter? rateLimiter)
    {
        var options = new KlaviyoClientOptions { ApiKey = apiKey, BaseAddress = baseAddress };
        var policy = KlaviyoSendPolicyFactory.Create(options, h.Time, NullLoggerFactory.Instance, new KlaviyoMetrics(h.Meter), random: () => 0.5, rateLimiter: rateLimiter);
        return new KlaviyoTransport(h.Klaviyo.CreateClient(), () => options, policy, null, h.Time, null);
    }
}
