using Klaviyo.Actions.Sync.Segment;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

/// <summary>The behaviour every <see cref="IKlaviyoToSegmentCursorStore"/> must have; run against each implementation.</summary>
public abstract class KlaviyoToSegmentCursorStoreContract
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.Zero));

    /// <summary>A new store instance over this test's state (a second instance sees what the first stored).</summary>
    protected abstract IKlaviyoToSegmentCursorStore CreateStore();

    private static KlaviyoToSegmentCursor Cursor(DateTimeOffset position, params string[] seen) => new(position, seen);

    [Test]
    public async Task A_stream_that_never_ran_has_no_cursor()
    {
        var store = CreateStore();

        Assert.That(await store.GetAsync("default", "profiles", default), Is.Null);
    }

    [Test]
    public async Task A_cursor_round_trips_exactly_and_a_new_instance_reads_it()
    {
        // Sub-second ticks and a non-UTC offset: the position is an instant, kept to the tick.
        var position = new DateTimeOffset(2026, 12, 7, 11, 15, 42, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        string[] seen = ["639010000000000000:01JF1", "639010000000000000:01JF2", "639010000010000000:01JF3"];

        await CreateStore().SetAsync("default", "profiles", Cursor(position, seen), default);
        var read = await CreateStore().GetAsync("default", "profiles", default);

        Assert.That(read, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(read!.Position.UtcTicks, Is.EqualTo(position.UtcTicks));
            Assert.That(read.Seen, Is.EqualTo(seen));
        });
    }

    [Test]
    public async Task Setting_again_replaces_the_cursor()
    {
        var store = CreateStore();
        await store.SetAsync("default", "profiles", Cursor(Time.GetUtcNow(), "1:a", "1:b"), default);

        await store.SetAsync("default", "profiles", Cursor(Time.GetUtcNow().AddMinutes(5)), default);
        var read = await store.GetAsync("default", "profiles", default);

        Assert.Multiple(() =>
        {
            Assert.That(read!.Position, Is.EqualTo(Time.GetUtcNow().AddMinutes(5)));
            Assert.That(read.Seen, Is.Empty);
        });
    }

    [Test]
    public async Task Sync_names_and_streams_are_kept_apart()
    {
        var store = CreateStore();
        var t = Time.GetUtcNow();
        await store.SetAsync("us", "profiles", Cursor(t.AddHours(1), "1:us"), default);
        await store.SetAsync("us", "events:AbC123", Cursor(t.AddHours(2)), default);
        await store.SetAsync("eu", "profiles", Cursor(t.AddHours(3), "1:eu"), default);

        Assert.Multiple(async () =>
        {
            Assert.That((await store.GetAsync("us", "profiles", default))!.Position, Is.EqualTo(t.AddHours(1)));
            Assert.That((await store.GetAsync("us", "events:AbC123", default))!.Position, Is.EqualTo(t.AddHours(2)));
            Assert.That((await store.GetAsync("eu", "profiles", default))!.Seen, Is.EqualTo(new[] { "1:eu" }));
            Assert.That(await store.GetAsync("eu", "events:AbC123", default), Is.Null);
            Assert.That(await store.GetAsync("US", "profiles", default), Is.Null, "names compare exactly");
        });
    }

    [Test]
    public async Task Instances_starting_together_create_the_table_once()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();

        await Task.WhenAll(stores.Select((s, i) => s.SetAsync("default", "stream-" + i, Cursor(Time.GetUtcNow().AddSeconds(i)), default)));

        for (int i = 0; i < stores.Count; i++)
        {
            Assert.That((await stores[0].GetAsync("default", "stream-" + i, default))!.Position, Is.EqualTo(Time.GetUtcNow().AddSeconds(i)));
        }
    }

    [Test]
    public void A_cancelled_call_throws()
    {
        var store = CreateStore();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => store.GetAsync("default", "profiles", cancelled.Token));
        Assert.CatchAsync<OperationCanceledException>(() => store.SetAsync("default", "profiles", Cursor(Time.GetUtcNow()), cancelled.Token));
    }
}

[TestFixture]
public sealed class InMemoryKlaviyoToSegmentCursorStoreTests : KlaviyoToSegmentCursorStoreContract
{
    private InMemoryKlaviyoToSegmentCursorStore _shared = new();

    [SetUp]
    public void NewStore() => _shared = new InMemoryKlaviyoToSegmentCursorStore();

    // One instance per test stands for "the same state": the in-memory store has no other.
    protected override IKlaviyoToSegmentCursorStore CreateStore() => _shared;

    [Test]
    public async Task A_stored_cursor_does_not_change_when_the_callers_list_does()
    {
        var seen = new List<string> { "1:a" };
        await _shared.SetAsync("default", "profiles", new KlaviyoToSegmentCursor(Time.GetUtcNow(), seen), default);
        seen.Add("1:b");

        Assert.That((await _shared.GetAsync("default", "profiles", default))!.Seen, Is.EqualTo(new[] { "1:a" }));
    }
}
