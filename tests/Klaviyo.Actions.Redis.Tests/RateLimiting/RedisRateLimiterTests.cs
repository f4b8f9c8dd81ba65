using System.Threading.RateLimiting;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary>The Redis limiter against a real Redis, on a fake clock shared by simulated processes (separate connections).</summary>
public sealed class RedisRateLimiterTests
{
    private static readonly KlaviyoRateLimitWindows M = new(10, 150);

    [Test]
    public async Task Two_processes_together_never_exceed_the_burst_or_the_steady_window_and_use_them_fully()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        using var first = await f.NewProcessAsync();
        using var second = await f.NewProcessAsync();
        var request = new KlaviyoRateLimitRequest("account-a", "add_profiles_to_list", M, TimeSpan.Zero);
        var start = f.Time.GetUtcNow();
        var grants = new List<TimeSpan>();

        // Both processes ask eight times every 250 ms for 130 s, taking only slots free at once.
        for (int step = 0; step < 520; step++)
        {
            for (int i = 0; i < 8; i++)
            {
                using var lease = await (i % 2 == 0 ? first : second).AcquireAsync(request);
                if (lease.IsAcquired)
                {
                    grants.Add(f.Time.GetUtcNow() - start);
                }
            }

            f.Time.Advance(TimeSpan.FromMilliseconds(250));
        }

        foreach (var from in grants.Distinct())
        {
            Assert.That(grants.Count(t => t >= from && t < from + TimeSpan.FromSeconds(1)), Is.LessThanOrEqualTo(10), $"1 s window from {from}");
            Assert.That(grants.Count(t => t >= from && t < from + TimeSpan.FromSeconds(60)), Is.LessThanOrEqualTo(150), $"60 s window from {from}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(grants.Count(t => t < TimeSpan.FromSeconds(60)), Is.EqualTo(150), "the first minute is used fully");
            Assert.That(grants.Count(t => t < TimeSpan.FromSeconds(1)), Is.EqualTo(10), "the first second is used fully");
            Assert.That(grants.Count(t => t >= TimeSpan.FromSeconds(60) && t < TimeSpan.FromSeconds(120)), Is.EqualTo(150), "the second minute too");
        });
    }

    [Test]
    public async Task Waiting_callers_of_two_processes_are_given_consecutive_slots_and_another_account_is_independent()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        using var first = await f.NewProcessAsync();
        using var second = await f.NewProcessAsync();
        var request = new KlaviyoRateLimitRequest("account-a", "add_profiles_to_list", M, TimeSpan.FromMinutes(5));

        var calls = Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? first : second).AcquireAsync(request).AsTask()).ToList();
        var armed = await f.Time.ArmedAsync(20);
        using var otherAccount = await second.AcquireAsync(new KlaviyoRateLimitRequest("account-c", "add_profiles_to_list", M, TimeSpan.Zero));

        Assert.Multiple(() =>
        {
            Assert.That(otherAccount.IsAcquired, Is.True, "account C has its own windows");
            Assert.That(calls.Count(c => c.IsCompleted), Is.EqualTo(10), "ten slots at t = 0");
            Assert.That(armed.Order(), Is.EqualTo(Enumerable.Repeat(TimeSpan.FromSeconds(1), 10).Concat(Enumerable.Repeat(TimeSpan.FromSeconds(2), 10))));
        });

        f.Time.Advance(TimeSpan.FromSeconds(1));
        f.Time.Advance(TimeSpan.FromSeconds(1));
        var leases = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(leases.Select(l => l.TryGetMetadata(KlaviyoRateLimitRequest.WaitedMetadata, out var waited) ? waited : TimeSpan.MinValue).Order(), Is.EqualTo(
            Enumerable.Repeat(TimeSpan.Zero, 10)
                .Concat(Enumerable.Repeat(TimeSpan.FromSeconds(1), 10))
                .Concat(Enumerable.Repeat(TimeSpan.FromSeconds(2), 10))));
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Test]
    public async Task A_slot_beyond_max_wait_is_refused_at_once_with_the_needed_wait_and_nothing_is_reserved()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        using var limiter = await f.NewProcessAsync();
        var request = new KlaviyoRateLimitRequest("account-a", "get_accounts", new KlaviyoRateLimitWindows(1, 15), TimeSpan.FromMilliseconds(500));

        using var first = await limiter.AcquireAsync(request);
        using var refused = await limiter.AcquireAsync(request);
        var database = (await f.ConnectAsync()).GetDatabase();

        Assert.Multiple(() =>
        {
            Assert.That(first.IsAcquired, Is.True);
            Assert.That(refused.IsAcquired, Is.False);
            Assert.That(refused.TryGetMetadata(MetadataName.RetryAfter, out var needed) ? needed : TimeSpan.MinValue, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(database.SortedSetLength(limiter.KeyFor(request)), Is.EqualTo(1), "only the first grant is in the log");
        });
    }

    [Test]
    public async Task Endpoint_views_are_plain_rate_limiters_sharing_the_redis_windows()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        using var first = await f.NewProcessAsync();
        using var second = await f.NewProcessAsync();
        var request = new KlaviyoRateLimitRequest("account-a", "create_list", M, TimeSpan.Zero);
        using RateLimiter firstView = first.ForEndpoint(request);
        using RateLimiter secondView = second.ForEndpoint(request);

        var granted = new List<bool>();
        for (int i = 0; i < 12; i++)
        {
            using var lease = await (i < 6 ? firstView : secondView).AcquireAsync();
            granted.Add(lease.IsAcquired);
        }

        Assert.That(granted, Is.EqualTo(Enumerable.Repeat(true, 10).Concat([false, false])));
    }

    [Test]
    public async Task A_canceled_wait_gives_its_slot_back()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        using var first = await f.NewProcessAsync();
        using var second = await f.NewProcessAsync();
        var database = (await f.ConnectAsync()).GetDatabase();
        var request = new KlaviyoRateLimitRequest("account-a", "get_accounts", new KlaviyoRateLimitWindows(1, 15), TimeSpan.FromMinutes(1));
        using var granted = await first.AcquireAsync(request);

        using var cts = new CancellationTokenSource();
        var canceled = second.AcquireAsync(request, cancellationToken: cts.Token).AsTask();
        Assert.That(await f.Time.ArmedAsync(1), Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }));
        Assert.That(await database.SortedSetLengthAsync(first.KeyFor(request)), Is.EqualTo(2));
        await cts.CancelAsync();
        Assert.That(async () => await canceled.WaitAsync(TimeSpan.FromSeconds(10)), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await database.SortedSetLengthAsync(first.KeyFor(request)), Is.EqualTo(1), "the reservation at 1 s was removed");

        var next = first.AcquireAsync(request).AsTask();
        Assert.That(await f.Time.ArmedAsync(1), Is.EqualTo(new[] { TimeSpan.FromSeconds(1) }), "the freed slot at 1 s, not 2 s");
        f.Time.Advance(TimeSpan.FromSeconds(1));
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(lease.IsAcquired, Is.True);
    }
}
