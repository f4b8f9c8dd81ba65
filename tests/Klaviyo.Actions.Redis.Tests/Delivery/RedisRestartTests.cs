using Klaviyo.Actions.Redis.Delivery;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.Delivery;

/// <summary>
/// Redis killed mid-run and started again (its own server, append-only file synced on every write): enqueueing fails
/// while it is down (never "accepted" for something not stored), delivery resumes when it is back, and every accepted
/// message has exactly one outcome, those delivered while Redis was down included.
/// </summary>
public sealed class RedisRestartTests
{
    [Test]
    public async Task A_redis_restart_mid_run_loses_no_outcome_and_records_none_twice()
    {
        await using var server = await OwnRedisServer.StartAsync(durable: true);
        await using var redis = await server.ConnectAsync();
        await using var harness = await DeliveryHarness.StartAsync(redis);
        harness.Emulator.Faults.Latency = TimeSpan.FromMilliseconds(150); // deliveries are in flight when Redis goes
        var accepted = new List<string>();
        for (int call = 0; call < 4; call++)
        {
            var ids = Enumerable.Range(call * 50, 50).Select(i => $"m{i}").ToList();
            Assert.That(await harness.EnqueueAsync(ids.Select((id, i) => DeliveryHarness.Track($"u{i % 40}", id))), Is.EqualTo(RedisEnqueueResult.Accepted));
            accepted.AddRange(ids);
        }

        await harness.StartConsumerAsync("solo");
        await harness.Outcomes.WaitForAsync(10, TimeSpan.FromSeconds(60));
        await server.KillAsync();

        Assert.That(async () => await harness.EnqueueAsync([DeliveryHarness.Track("u1", "while-down")]), Throws.InstanceOf<RedisException>(),
            "nothing is accepted while Redis is down");
        await server.RestartAsync();
        var more = Enumerable.Range(200, 50).Select(i => $"m{i}").ToList();
        RedisEnqueueResult afterRestart = default;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                afterRestart = await harness.EnqueueAsync(more.Select(id => DeliveryHarness.Track("u-after", id)));
                break;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100); // the multiplexer reconnects on its own; a bounded wait for that signal
            }
        }

        accepted.AddRange(more);
        await harness.Outcomes.WaitForAsync(250, TimeSpan.FromMinutes(2));

        var outcomes = await harness.AllOutcomesAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(afterRestart, Is.EqualTo(RedisEnqueueResult.Accepted));
            Assert.That(outcomes.Select(o => o.MessageId), Is.EquivalentTo(accepted), "exactly one outcome per accepted message");
            Assert.That(harness.Outcomes.Outcomes, Has.Count.EqualTo(250));
            Assert.That(await harness.Reader.GetOutstandingAsync(), Is.Zero);
            Assert.That(harness.Emulator.Events.Select(e => e.UniqueId).Distinct().Count(), Is.EqualTo(250), "each event once in Klaviyo");
            Assert.That(harness.Emulator.Events.Select(e => e.UniqueId), Does.Not.Contain("while-down"));
        });
    }
}
