using System.Threading.RateLimiting;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary>
/// Two clients (two "processes": separate Redis connections and limiters) against one emulator with Klaviyo's rate
/// limits on, over real loopback HTTP and real time.
/// </summary>
public sealed class RedisRateLimiterEndToEndTests
{
    private const int ListsPerClient = 12; // create_list is tier M: 10 per second, so 24 calls are more than a burst

    [Test]
    public async Task Two_clients_sharing_the_redis_limiter_meet_no_rate_limit_429()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        await using var emulator = await KlaviyoEmulator.StartAsync();
        emulator.RateLimiting.Enabled = true;
        var options = new RedisRateLimitingOptions { KeyPrefix = f.KeyPrefix };
        using var firstLimiter = new RedisKlaviyoRateLimiter(await f.ConnectAsync(), options);
        using var secondLimiter = new RedisKlaviyoRateLimiter(await f.ConnectAsync(), options);

        var elapsed = await CreateListsAsync(emulator, firstLimiter, secondLimiter);
        TestContext.Out.WriteLine($"Redis limiter: {2 * ListsPerClient} create_list calls in {elapsed.TotalSeconds:0.00} s, {emulator.RequestLog.Count(r => r.StatusCode == 429)} 429s, {emulator.RequestLog.Count} requests");

        var keys = f.Keys().Select(k => k.ToString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(emulator.RequestLog.Count(r => r.StatusCode == 429), Is.Zero, "429s seen by the emulator");
            Assert.That(emulator.Lists, Has.Count.EqualTo(2 * ListsPerClient));
            Assert.That(keys, Has.Count.EqualTo(1).And.All.EndsWith(":create_list"));
            Assert.That(keys, Has.None.Contains(emulator.ApiKey).And.None.Contains(emulator.ApiKey[3..]), "keys hold a one-way account id");
        });
    }

    [Test]
    public async Task Control_two_clients_with_their_own_in_process_limiters_do_meet_429s()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        emulator.RateLimiting.Enabled = true;
        using var firstLimiter = new KlaviyoInProcessRateLimiter();
        using var secondLimiter = new KlaviyoInProcessRateLimiter();

        var elapsed = await CreateListsAsync(emulator, firstLimiter, secondLimiter);
        TestContext.Out.WriteLine($"Two in-process limiters: {2 * ListsPerClient} create_list calls in {elapsed.TotalSeconds:0.00} s, {emulator.RequestLog.Count(r => r.StatusCode == 429)} 429s, {emulator.RequestLog.Count} requests");

        Assert.That(emulator.RequestLog.Count(r => r.StatusCode == 429), Is.Positive, "each process alone keeps 10/s, both together do not");
    }

    [Test]
    public async Task A_call_whose_slot_is_beyond_max_wait_fails_with_the_timeout_exception_without_a_request()
    {
        await using var f = await RateLimiterFixture.StartAsync();
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var options = new KlaviyoClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey };
        options.RateLimiting.MaxWait = TimeSpan.FromMilliseconds(500);
        using var firstLimiter = new RedisKlaviyoRateLimiter(await f.ConnectAsync(), new RedisRateLimitingOptions { KeyPrefix = f.KeyPrefix });
        using var secondLimiter = new RedisKlaviyoRateLimiter(await f.ConnectAsync(), new RedisRateLimitingOptions { KeyPrefix = f.KeyPrefix });

        await new KlaviyoClient(options, firstLimiter).GetAccountAsync(); // get_accounts is tier XS: 1 per second
        var error = Assert.ThrowsAsync<KlaviyoRateLimiterTimeoutException>(() => new KlaviyoClient(options, secondLimiter).GetAccountAsync());

        Assert.Multiple(() =>
        {
            Assert.That(emulator.RequestLog, Has.Count.EqualTo(1), "the refused call was not sent");
            Assert.That(error!.Operation, Is.EqualTo("get_accounts"));
            Assert.That(error.RequiredWait, Is.GreaterThan(TimeSpan.FromMilliseconds(500)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(error.MaxWait, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        });
    }

    private static async Task<TimeSpan> CreateListsAsync(
        KlaviyoEmulator emulator,
        PartitionedRateLimiter<KlaviyoRateLimitRequest> firstLimiter,
        PartitionedRateLimiter<KlaviyoRateLimitRequest> secondLimiter)
    {
        var options = new KlaviyoClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey };
        var first = new KlaviyoClient(options, firstLimiter);
        var second = new KlaviyoClient(options, secondLimiter);
        long started = TimeProvider.System.GetTimestamp();
        var calls = Enumerable.Range(0, ListsPerClient)
            .SelectMany(i => new[] { first.CreateListAsync($"first-{i}"), second.CreateListAsync($"second-{i}") })
            .ToList();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        return TimeProvider.System.GetElapsedTime(started);
    }
}
