using System.Diagnostics;
using System.Reflection;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Engine;

/// <summary>
/// A large segment through the SQLite store, generated on the fly: correctness and streaming, not timing. The batch
/// sizes are a tenth of the defaults and the segment a tenth of the 200,000 members this test once used, so the
/// segment still spans 40 staging batches and 2 full add batches; the 1,000,000-member figures are the benchmarks'
/// (docs/list-sync.md).
/// </summary>
public sealed class LargeSegmentTests
{
    private const int Size = 20_000;
    private const int Churn = Size / 100;           // 1% leave and 1% join
    private const int Changed = Size / 400;         // change their email; every fifth keeps its external id
    private const int ChangedFrom = Size / 2;
    private const string Segment = "seg-large";
    private const string List = "LrGe01";

    [Test]
    public async Task A_large_segment_syncs_streamed_and_a_1_percent_churn_applies_exactly_the_delta()
    {
        await using var factory = new SqliteStoreFactory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var probe = StagingProbe.Wrap(factory.Create(time));
        var klaviyo = new FakeKlaviyoList(List);
        var options = new ListSyncOptions { StagingBatchSize = 500, AddBatchSize = 1_000, RemoveBatchSize = 100 };
        var engine = new KlaviyoListSync(probe.Store, new ListSyncTargetProvider("main", klaviyo), options, time);
        Assert.That(Size / options.StagingBatchSize, Is.GreaterThanOrEqualTo(40), "the segment spans many staging batches");
        await engine.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });

        // Run 1: everyone is new. Every fifth member has no email (synced by external id).
        var first = await engine.SyncAsync(Segment, List, Generate(probe, Size, churn: false));

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(first.Members, Is.EqualTo(Size));
            Assert.That(first.Added, Is.EqualTo(Size));
            Assert.That(first.NotPersonalisable, Is.EqualTo(Size / 5));
            Assert.That(klaviyo.Identities(List), Has.Count.EqualTo(Size));
            Assert.That(klaviyo.CallsOf("add").Max(c => c.UserIds.Count), Is.EqualTo(options.AddBatchSize));
            Assert.That(probe.MostHeldBeforeStaging, Is.LessThanOrEqualTo(options.StagingBatchSize), "the membership is streamed, not buffered");
        });

        // Run 2: 1% churn: Churn members leave, Churn join, and Changed change their email.
        klaviyo.ClearCalls();
        probe.Reset();
        var second = await engine.SyncAsync(Segment, List, Generate(probe, Size, churn: true));

        var adds = klaviyo.CallsOf("add").SelectMany(c => c.UserIds).ToList();
        var removes = klaviyo.CallsOf("remove").SelectMany(c => c.UserIds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(second.Members, Is.EqualTo(Size));
            // Of the changed members, a fifth keep their external id (same profile, updated); the rest are known only
            // by the email that changed, so their old profile leaves the list and the new one joins it.
            Assert.That((second.Added, second.Removed, second.Updated), Is.EqualTo(((long)Churn + ByEmail, (long)Churn + ByEmail, (long)Changed / 5)));
            Assert.That(second.Unchanged, Is.EqualTo(Size - Churn - Changed));
            Assert.That(adds, Has.Count.EqualTo(Churn + Changed).And.Unique);
            Assert.That(removes, Has.Count.EqualTo(Churn + ByEmail).And.Unique);
            Assert.That(removes.Count(u => Number(u) < Churn), Is.EqualTo(Churn));
            Assert.That(klaviyo.CallsOf("remove").Max(c => c.UserIds.Count), Is.LessThanOrEqualTo(options.RemoveBatchSize));
            Assert.That(klaviyo.Identities(List), Has.Count.EqualTo(Size));
            Assert.That(klaviyo.Identities(List), Does.Contain($"changed-{ChangedFrom + 1}@example.com").And.Contain($"user{Size + Churn - 1}@example.com").And.Not.Contain("user1@example.com"));
            Assert.That(probe.MostHeldBeforeStaging, Is.LessThanOrEqualTo(options.StagingBatchSize));
        });
    }

    /// <summary>Changed members known only by their email.</summary>
    private const int ByEmail = Changed - Changed / 5;

    private static int Number(string userId) => int.Parse(new string([.. userId.Where(char.IsAsciiDigit)]));

    /// <summary>Members 0..size-1 (or Churn..size+Churn-1 with churn), produced one at a time.</summary>
    private static async IAsyncEnumerable<SegmentMember> Generate(StagingProbe probe, int size, bool churn)
    {
        int start = churn ? Churn : 0;
        for (int n = start; n < start + size; n++)
        {
            if (n % 1_000 == 0)
            {
                await Task.Yield();
            }

            probe.Yielded++;
            bool changed = churn && n >= ChangedFrom && n < ChangedFrom + Changed;
            yield return n % 5 == 0
                ? new SegmentMember($"crm-{n:D7}", email: changed ? $"changed-{n}@example.com" : null)
                : new SegmentMember($"user{n}@example.com", email: changed ? $"changed-{n}@example.com" : null);
        }
    }

    /// <summary>Wraps a store to see how many members the engine had read but not yet staged at each staging call.</summary>
    public class StagingProbe : DispatchProxy
    {
        private IListSyncStateStore _inner = null!;
        private long _staged;

        public IListSyncStateStore Store { get; private set; } = null!;

        public long Yielded { get; set; }

        public long MostHeldBeforeStaging { get; private set; }

        public static StagingProbe Wrap(IListSyncStateStore inner)
        {
            var proxy = Create<IListSyncStateStore, StagingProbe>();
            var probe = (StagingProbe)(object)proxy;
            probe._inner = inner;
            probe.Store = proxy;
            return probe;
        }

        public void Reset()
        {
            Yielded = 0;
            _staged = 0;
            MostHeldBeforeStaging = 0;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Debug.Assert(targetMethod is not null);
            if (targetMethod.Name == nameof(IListSyncStateStore.StageMembersAsync))
            {
                var members = (IReadOnlyList<SegmentMember>)args![1]!;
                MostHeldBeforeStaging = Math.Max(MostHeldBeforeStaging, Yielded - _staged);
                _staged += members.Count;
            }

            return targetMethod.Invoke(_inner, args);
        }
    }
}
