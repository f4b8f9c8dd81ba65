using Klaviyo.Actions.Redis.Delivery;
using Klaviyo.Actions.Testing;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests.Delivery;

/// <summary>
/// Durable delivery against the real Redis (a unique key prefix per test, deleted afterwards) and the emulator for
/// Klaviyo: every accepted message ends with exactly one outcome in the outcome stream, whoever delivered it.
/// </summary>
public sealed class RedisDeliveryTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private ConnectionMultiplexer _redis = null!;
    private DeliveryHarness _harness = null!;

    private async Task StartAsync(Action<RedisDeliveryOptions>? configure = null)
    {
        _redis = await RedisServer.ConnectAsync();
        _harness = await DeliveryHarness.StartAsync(_redis, configure);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    [Test]
    public async Task Accepted_messages_are_delivered_and_each_records_one_outcome()
    {
        await StartAsync();
        var messages = Enumerable.Range(0, 60).Select(i => i % 2 == 0
            ? DeliveryHarness.Identify($"u{i}", $"m{i}")
            : DeliveryHarness.Track($"u{i}", $"m{i}")).ToList();

        Assert.That(await _harness.EnqueueAsync(messages), Is.EqualTo(RedisEnqueueResult.Accepted));
        Assert.That(await _harness.Reader.GetOutstandingAsync(), Is.EqualTo(60), "stored before the consumer runs");
        await _harness.StartConsumerAsync("solo");
        await _harness.Outcomes.WaitForAsync(60, Generous);

        var outcomes = await _harness.AllOutcomesAsync();
        var counters = await _harness.Reader.GetCountersAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Select(o => o.MessageId), Is.EquivalentTo(Enumerable.Range(0, 60).Select(i => $"m{i}")));
            Assert.That(outcomes.Select(o => o.Status).Distinct(), Is.EqualTo(new[] { "delivered" }));
            Assert.That(outcomes.Select(o => o.Consumer).Distinct(), Is.EqualTo(new[] { "solo" }));
            Assert.That(_harness.Outcomes.Outcomes.Select(o => o.MessageId), Is.EquivalentTo(outcomes.Select(o => o.MessageId)));
            Assert.That(await _harness.Reader.GetOutstandingAsync(), Is.Zero, "recorded entries are deleted");
            Assert.That(counters["accepted"], Is.EqualTo(60));
            Assert.That(counters["status:delivered"], Is.EqualTo(60));
            Assert.That(counters["action:trackEvent:sent"], Is.EqualTo(30));
            Assert.That(_harness.Emulator.Events.Select(e => e.UniqueId), Is.EquivalentTo(Enumerable.Range(0, 60).Where(i => i % 2 == 1).Select(i => $"m{i}")));
        });
    }

    [Test]
    public async Task A_call_that_would_pass_the_cap_is_refused_whole_and_nothing_of_it_is_kept()
    {
        await StartAsync(o => o.MaxOutstanding = 10);

        var first = await _harness.EnqueueAsync(Enumerable.Range(0, 6).Select(i => DeliveryHarness.Track("a", $"a{i}")));
        var over = await _harness.EnqueueAsync(Enumerable.Range(0, 5).Select(i => DeliveryHarness.Track($"b{i}", $"b{i}")));
        long afterRefusal = await _harness.Reader.GetOutstandingAsync();
        var fits = await _harness.EnqueueAsync(Enumerable.Range(0, 4).Select(i => DeliveryHarness.Track($"c{i}", $"c{i}")));

        var stored = new List<string>();
        var db = _redis.GetDatabase();
        for (int p = 0; p < _harness.Options.Partitions; p++)
        {
            stored.AddRange((await db.StreamRangeAsync(_harness.Key($"events:{p}"))).Select(e => e["id"].ToString()));
        }

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(RedisEnqueueResult.Accepted));
            Assert.That(over, Is.EqualTo(RedisEnqueueResult.Full));
            Assert.That(afterRefusal, Is.EqualTo(6));
            Assert.That(fits, Is.EqualTo(RedisEnqueueResult.Accepted), "exactly at the cap");
            Assert.That(stored.Where(id => id.StartsWith('b')), Is.Empty, "no message of the refused call");
            Assert.That(stored, Has.Count.EqualTo(10));
        });
    }

    [Test]
    public async Task A_full_queue_accepts_the_call_once_delivery_makes_room_within_the_wait()
    {
        await StartAsync(o => o.MaxOutstanding = 10);
        await _harness.EnqueueAsync(Enumerable.Range(0, 10).Select(i => DeliveryHarness.Track($"a{i}", $"a{i}")));

        var waiting = _harness.Producer.EnqueueAsync([Klaviyo.Actions.Mapping.SegmentEvent.Parse(DeliveryHarness.Track("late", "late"))], Generous);
        await _harness.StartConsumerAsync("solo");

        Assert.That(await waiting, Is.EqualTo(RedisEnqueueResult.Accepted));
        await _harness.Outcomes.WaitForAsync(11, Generous);
    }

    [Test]
    public async Task Entries_a_crashed_consumer_read_are_delivered_by_the_next_lease_holder_with_one_outcome_each()
    {
        await StartAsync();
        var messages = Enumerable.Range(0, 40).Select(i => DeliveryHarness.Track($"u{i}", $"m{i}")).ToList();
        await _harness.EnqueueAsync(messages);
        var db = _redis.GetDatabase();
        int read = 0;
        for (int p = 0; p < _harness.Options.Partitions; p++)
        {
            // The crashed process: held the lease, read its entries, never acknowledged them, then died.
            var stream = _harness.Key($"events:{p}");
            await db.StreamCreateConsumerGroupAsync(stream, "delivery", "0", createStream: true);
            read += (await db.StreamReadGroupAsync(stream, "delivery", "crashed", ">")).Length;
            await db.StringSetAsync(_harness.Key($"lease:{p}"), "crashed", TimeSpan.FromMilliseconds(1500));
        }

        var survivor = await _harness.StartConsumerAsync("survivor");
        Assert.That(survivor.OwnedPartitions, Is.Empty, "the crashed process's leases have not expired yet");
        await _harness.Outcomes.WaitForAsync(40, Generous);

        var outcomes = await _harness.AllOutcomesAsync();
        var pending = await db.StreamPendingAsync(_harness.Key("events:0"), "delivery");
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(40));
            Assert.That(outcomes.Select(o => o.MessageId), Is.EquivalentTo(messages.Select((_, i) => $"m{i}")), "one outcome per message");
            Assert.That(outcomes.All(o => o.Status == "delivered" && o.Consumer == "survivor"), Is.True);
            Assert.That(_harness.Outcomes.Outcomes.All(o => o.Deliveries == 2), Is.True, "claimed from the crashed consumer: its second delivery");
            Assert.That(_harness.Emulator.Events, Has.Count.EqualTo(40));
            Assert.That(pending.PendingMessageCount, Is.Zero);
        });
    }

    [Test]
    public async Task An_entry_delivered_more_than_the_limit_goes_to_the_dead_letter_stream_without_being_sent()
    {
        await StartAsync(o => o.MaxDeliveries = 3);
        await _harness.EnqueueAsync([DeliveryHarness.Track("u1", "poison")]);
        var db = _redis.GetDatabase();
        for (int p = 0; p < _harness.Options.Partitions; p++)
        {
            var stream = _harness.Key($"events:{p}");
            await db.StreamCreateConsumerGroupAsync(stream, "delivery", "0", createStream: true);
            foreach (var entry in await db.StreamReadGroupAsync(stream, "delivery", "crash-1", ">"))
            {
                // Two more processes took it over and crashed with it: three deliveries, no outcome.
                await db.StreamClaimAsync(stream, "delivery", "crash-2", 0, [entry.Id]);
                await db.StreamClaimAsync(stream, "delivery", "crash-3", 0, [entry.Id]);
            }
        }

        await _harness.StartConsumerAsync("survivor");
        await _harness.Outcomes.WaitForAsync(1, Generous);

        var outcome = _harness.Outcomes.Outcomes.Single();
        var dead = await db.StreamRangeAsync(_harness.Key("dead"));
        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Status, Is.EqualTo(RedisOutcomeStatus.Failed));
            Assert.That(outcome.DeadLettered, Is.True);
            Assert.That(outcome.Reason, Is.EqualTo("delivered 3 times without a final outcome"));
            Assert.That(dead.Select(e => e["id"].ToString()), Is.EqualTo(new[] { "poison" }));
            Assert.That(Klaviyo.Actions.Mapping.SegmentEvent.Parse((ReadOnlyMemory<byte>)dead[0]["m"]).MessageId, Is.EqualTo("poison"), "the message itself is kept");
            Assert.That(_harness.Emulator.Events, Is.Empty);
            Assert.That(await _harness.Reader.GetDeadLetterCountAsync(), Is.EqualTo(1));
            Assert.That((await _harness.Reader.GetCountersAsync())["dead_lettered"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_message_that_keeps_failing_transiently_is_retried_then_dead_lettered_and_nothing_else_is_held_back()
    {
        await StartAsync(o => o.MaxDeliveries = 3);
        _harness.ClientRetries = false;
        _harness.Emulator.Faults.FailNext(EmulatorFaultKind.ServerError, count: 1000, path: "/api/profile-bulk-import-jobs");
        await _harness.EnqueueAsync([DeliveryHarness.Identify("u1", "identify-1"), DeliveryHarness.Track("u2", "track-2")]);

        await _harness.StartConsumerAsync("solo");
        await _harness.Outcomes.WaitForAsync(2, Generous);

        var byId = _harness.Outcomes.Outcomes.ToDictionary(o => o.MessageId);
        Assert.Multiple(() =>
        {
            Assert.That(byId["track-2"].Status, Is.EqualTo(RedisOutcomeStatus.Delivered));
            Assert.That(byId["identify-1"].Status, Is.EqualTo(RedisOutcomeStatus.Failed));
            Assert.That(byId["identify-1"].DeadLettered, Is.True);
            Assert.That(byId["identify-1"].Deliveries, Is.EqualTo(3));
            Assert.That(byId["identify-1"].Reason, Does.StartWith("failed after 3 deliveries: upsertProfile: Klaviyo answered 5"));
            Assert.That(_harness.Emulator.RequestLog.Count(r => r.Path == "/api/profile-bulk-import-jobs"), Is.EqualTo(3), "one request per delivery");
        });
    }

    [Test]
    public async Task Each_persons_subscribe_then_unsubscribe_end_unsubscribed_across_two_consumers_and_a_handover()
    {
        await StartAsync();
        const int People = 150;
        using var timeout = new CancellationTokenSource(Generous);
        var first = await _harness.StartConsumerAsync("first");
        var second = await _harness.StartConsumerAsync("second");
        await second.WaitForPartitionsAsync(owned => owned.Count == 4, timeout.Token); // the first gave up half of its partitions

        await EnqueueRoundAsync(0, People);
        await _harness.Outcomes.WaitForAsync(People * 3, Generous);
        await EnqueueRoundAsync(1, People);
        await first.StopAsync(Generous); // graceful handover mid-run: the second takes every partition
        await EnqueueRoundAsync(2, People);
        await _harness.Outcomes.WaitForAsync(People * 9, TimeSpan.FromMinutes(3));

        var outcomes = await _harness.AllOutcomesAsync();
        var wrong = _harness.Emulator.Profiles.Where(p => p.Consent.EmailMarketing.Status != EmulatedConsentStatus.Unsubscribed).Select(p => p.Email).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(People * 9));
            Assert.That(outcomes.Select(o => o.MessageId).Distinct().Count(), Is.EqualTo(People * 9), "one outcome per message");
            Assert.That(outcomes.All(o => o.Status == "delivered"), Is.True, string.Join("\n", outcomes.Where(o => o.Status != "delivered").Take(5)));
            Assert.That(outcomes.Select(o => o.Consumer).Distinct(), Is.EquivalentTo(new[] { "first", "second" }), "both delivered");
            Assert.That(second.OwnedPartitions, Has.Count.EqualTo(_harness.Options.Partitions), "the second holds every partition after the handover");
            Assert.That(_harness.Emulator.Profiles, Has.Count.EqualTo(People));
            Assert.That(wrong, Is.Empty, "people not unsubscribed at the end");
        });
    }

    /// <summary>Per person, in order: identify, subscribe, unsubscribe; people interleaved, 25 people per call.</summary>
    private async Task EnqueueRoundAsync(int round, int people)
    {
        foreach (var call in Enumerable.Range(0, people).Select(i => $"p{i}").Chunk(25))
        {
            var messages = new List<string>();
            foreach (string person in call)
            {
                messages.Add(DeliveryHarness.Identify(person, $"{person}-{round}-i"));
                messages.Add(DeliveryHarness.Track(person, $"{person}-{round}-s", "Subscribe"));
                messages.Add(DeliveryHarness.Track(person, $"{person}-{round}-u", "Unsubscribe"));
            }

            Assert.That(await _harness.EnqueueAsync(messages), Is.EqualTo(RedisEnqueueResult.Accepted));
        }
    }
}
