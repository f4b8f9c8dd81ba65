using System.Threading.RateLimiting;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary>Who owns the rate limiter in DI: the container (one in-process limiter, partitioned by account), or a limiter set per registration.</summary>
public class RateLimiterOwnershipTests
{
    [Test]
    public async Task Registrations_with_the_same_key_share_the_containers_limiter_and_other_keys_do_not()
    {
        using var h = new DiHarness();
        string key = DiHarness.NewKey();
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = key));
        h.UseScripted(h.Services.AddKlaviyoActions("same-key", o => o.ApiKey = key));
        h.UseScripted(h.Services.AddKlaviyoActions("other-key", o => o.ApiKey = DiHarness.NewKey()));
        h.Klaviyo.ThenOk();

        await GetAccountsAsync(h, "").Settled(); // get_accounts is tier XS: 1 per second
        await GetAccountsAsync(h, "other-key").Settled();
        var waiting = GetAccountsAsync(h, "same-key");

        Assert.That(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2), "the same key waits for the next second; the other key did not");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        await waiting.Settled();
        Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
    }

    [Test]
    public async Task Use_rate_limiter_replaces_the_limiter_of_one_registration()
    {
        using var h = new DiHarness();
        string key = DiHarness.NewKey();
        var own = new CountingLimiter(new KlaviyoInProcessRateLimiter(h.Time));
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = key)).UseRateLimiter(_ => own);
        h.UseScripted(h.Services.AddKlaviyoActions("default-limiter", o => o.ApiKey = key));
        h.Klaviyo.ThenOk();

        await GetAccountsAsync(h, "").Settled();
        await GetAccountsAsync(h, "default-limiter").Settled(); // its own limiter: no wait behind the first call

        Assert.Multiple(() =>
        {
            Assert.That(own.Requests.Select(r => r.Endpoint), Is.EqualTo(new[] { "get_accounts" }));
            Assert.That(own.Requests[0].Account, Has.Length.EqualTo(64).And.Not.Contains(key[3..]), "a one-way account id");
            Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
        });

        h.Provider.Dispose();
        Assert.That(own.Disposed, Is.True, "the container owns what the factory created");
    }

    private static Task<KlaviyoResponse> GetAccountsAsync(DiHarness h, string name) =>
        h.Transport(name).SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None);

    private sealed class CountingLimiter(KlaviyoInProcessRateLimiter inner) : PartitionedRateLimiter<KlaviyoRateLimitRequest>
    {
        public List<KlaviyoRateLimitRequest> Requests { get; } = [];

        public bool Disposed { get; private set; }

        public override RateLimiterStatistics? GetStatistics(KlaviyoRateLimitRequest resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(KlaviyoRateLimitRequest resource, int permitCount) => inner.AttemptAcquire(resource, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(KlaviyoRateLimitRequest resource, int permitCount, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(resource);
            }

            return inner.AcquireAsync(resource, permitCount, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
