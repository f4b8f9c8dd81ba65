using System.Collections.Concurrent;
using System.Net;
using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class BatcherStressTests
{
    /// <summary>
    /// Answers like a flaky Klaviyo, decided per request from a seed: 429 or 500 after retries, a connection
    /// failure, a 400 pointing at its first row, or acceptance. Records which parts were in accepted requests.
    /// </summary>
    private sealed class Chaos
    {
        private readonly int _seed;

        public Chaos(int seed) => _seed = seed;

        public ConcurrentDictionary<string, byte> Delivered { get; } = new();

        public Func<RecordedRequest<TPart>, CancellationToken, Task<BulkChunkResponse>> For<TPart>(string prefix, string rowPointer, Func<TPart, string> key) =>
            async (request, _) =>
            {
                await Task.Yield();
                var random = new Random(HashCode.Combine(_seed, prefix, request.Number));
                int roll = random.Next(100);
                if (roll < 10)
                {
                    throw BulkHarness.Refusal(HttpStatusCode.TooManyRequests, new KlaviyoError { Status = 429, Code = "throttled" });
                }

                if (roll < 18)
                {
                    throw BulkHarness.Refusal(HttpStatusCode.InternalServerError);
                }

                if (roll < 23)
                {
                    throw new HttpRequestException("Connection reset by peer");
                }

                if (roll < 38 && request.Rows.Count > 1)
                {
                    throw BulkHarness.Refusal(HttpStatusCode.BadRequest, BulkHarness.RowError(rowPointer + "0/attributes/x", "bad row"));
                }

                foreach (var part in request.Parts)
                {
                    Delivered.TryAdd(prefix + key(part), 0);
                }

                return new BulkChunkResponse(prefix + request.Number);
            };
    }

    /// <summary>
    /// With a per-group item cap (count flushes), without caps and a small capacity (capacity flushes), and without caps
    /// and room for groups to fill (Klaviyo-limit flushes: 100 unsubscriptions); producers also ask for flushes.
    /// </summary>
    [TestCase(40, 64)]
    [TestCase(null, 64)]
    [TestCase(null, 1_000)]
    public async Task Many_producers_thousands_of_items_random_faults_every_item_gets_exactly_one_outcome(int? maxBatchItems, int capacity)
    {
        using var h = new BulkHarness { WithJobTracker = false };
        h.Options.Capacity = capacity;
        h.Options.MaxBatchItems = maxBatchItems;
        h.Options.MaxConcurrentFlushes = 3;
        h.Options.MaxConcurrentRequests = 2;
        h.Options.MaxDelay = TimeSpan.FromMinutes(1);
        h.Validator = new FakeValidator(item => item.Request is TrackEventRequest { UniqueId: var id } && id!.EndsWith("45", StringComparison.Ordinal));
        var chaos = new Chaos(seed: 20261101);
        h.Events.Responder = chaos.For<TrackEventRequest>("event:", "/data/attributes/events-bulk-create/data/", e => e.UniqueId!);
        h.ProfileImport.Responder = chaos.For<UpsertProfileRequest>("profile:", "/data/attributes/profiles/data/", p => p.ExternalId!);
        h.Subscribe.Responder = chaos.For<SubscribeProfileRequest>("subscribe:", "/data/attributes/profiles/data/", s => s.Email!);
        h.Unsubscribe.Responder = chaos.For<UnsubscribeProfileRequest>("unsubscribe:", "/data/attributes/profiles/data/", s => s.Email!);
        h.ListRemove.Responder = chaos.For<string>("remove:", "/data/", id => id);
        using var itemsCounter = new MetricCollector<long>(h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.ItemsInstrument);

        const int producers = 8, perProducer = 500;
        for (int p = 0; p < producers; p++)
        {
            for (int i = 0; i < perProducer; i++)
            {
                h.Lookup.IdsByIdentifier[$"r{p}-{i}@shop.test"] = [$"P{p}-{i}"];
            }
        }

        var batcher = new KlaviyoBatcher(h.CreateClient());
        var enqueued = new ConcurrentBag<(KlaviyoBatchItem Item, string Key, Task<KlaviyoItemOutcome> Handle)>();
        var flushes = new ConcurrentBag<Task>();
        var tasks = Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (int i = 0; i < perProducer; i++)
            {
                (KlaviyoBatchItem item, string key) = (i % 5) switch
                {
                    0 => ((KlaviyoBatchItem)BulkHarness.Event(i, $"u{p}", $"{p}-{i}"), $"event:{p}-{i}"),
                    1 => (new UpsertProfileRequest { ExternalId = $"{p}-{i}", ListId = "L" + (i % 7) }, $"profile:{p}-{i}"),
                    2 => (new SubscribeProfileRequest { Email = $"s{p}-{i}@shop.test", ListId = "L" + (i % 3) }, $"subscribe:s{p}-{i}@shop.test"),
                    3 => (new UnsubscribeProfileRequest { Email = $"x{p}-{i}@shop.test" }, $"unsubscribe:x{p}-{i}@shop.test"),
                    _ => (new RemoveProfileRequest { ListId = "L" + (i % 2), Email = $"r{p}-{i}@shop.test" }, $"remove:P{p}-{i}"),
                };
                enqueued.Add((item, key, await batcher.EnqueueAsync(item)));
                if (i % 97 == 96)
                {
                    flushes.Add(batcher.FlushAsync());
                }
            }
        })).ToArray();

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.WhenAll(flushes).WaitAsync(TimeSpan.FromSeconds(60));
        await batcher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var report = await batcher.DrainAsync(TimeSpan.FromSeconds(30));

        var all = enqueued.ToList();
        Assert.That(all, Has.Count.EqualTo(producers * perProducer));
        Assert.That(all.Select(e => e.Handle.IsCompletedSuccessfully), Is.All.True, "every handle has an outcome");
        var outcomes = all.Select(e => (e.Item, e.Key, Outcome: e.Handle.Result)).ToList();
        var counted = itemsCounter.GetMeasurementSnapshot().Sum(m => m.Value);
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EqualTo(all.Count), "exactly one outcome per item in telemetry");
            Assert.That(report.CompletedInTime, Is.True);
            Assert.That(outcomes.Select(o => o.Outcome.Status).Distinct(), Is.EquivalentTo(new[]
            {
                KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Invalid, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Failed,
            }), "the faults exercised every outcome");
            foreach (var (item, key, outcome) in outcomes)
            {
                if (outcome.Status == KlaviyoItemStatus.Accepted)
                {
                    Assert.That(chaos.Delivered.ContainsKey(key), Is.True, $"{key} is accepted only if a request carrying it was accepted");
                }

                if (outcome.Status == KlaviyoItemStatus.Invalid)
                {
                    Assert.That(chaos.Delivered.ContainsKey(key), Is.False, $"{key} is invalid and was never sent");
                }
            }

            Assert.That(batcher.QueueLength, Is.Zero);
        });
        await batcher.DisposeAsync();
    }
}
