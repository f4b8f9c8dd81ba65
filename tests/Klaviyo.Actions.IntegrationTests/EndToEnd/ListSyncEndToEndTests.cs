using System.Diagnostics;
using System.Runtime.CompilerServices;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.Sqlite;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// List sync end to end: the engine, the SQLite store and the bulk-API target against the emulator over loopback, with
/// Klaviyo's rate limits on in the emulator and the client. Real clocks, but short emulator job times and poll
/// intervals, so the few waits the limits impose are short; nothing sleeps.
/// </summary>
public sealed class ListSyncEndToEndTests
{
    // 20,000 members in import jobs of 2,000: ten jobs under the emulator's rate limits, as the 100,000 members in jobs
    // of 10,000 this test once used, in a fifth of the time. The 1,000,000-member figures are the benchmarks'.
    private const int SegmentSize = 20_000;
    private const int AddBatchSize = 2_000;
    private const string Segment = "big-spenders";

    private KlaviyoEmulator _emulator = null!;
    private string _folder = null!;

    [SetUp]
    public async Task StartAsync()
    {
        var options = new KlaviyoEmulatorOptions
        {
            ImportJobQueuedTime = TimeSpan.FromMilliseconds(20),
            ImportJobProcessingTime = TimeSpan.FromMilliseconds(20),
            RequestLogCapacity = 0,
        };
        options.RateLimiting.Enabled = true;
        _emulator = await KlaviyoEmulator.StartAsync(options);
        _folder = Path.Combine(Path.GetTempPath(), $"klaviyo-sync-e2e-{Guid.NewGuid():N}");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task A_large_segment_syncs_under_rate_limits_and_a_recompute_with_churn_applies_only_the_delta()
    {
        var list = _emulator.CreateList("Big spenders");
        var sync = CreateSync(options: new ListSyncOptions { AddBatchSize = AddBatchSize });
        await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = Segment, ListId = list.Id, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });
        var clock = Stopwatch.StartNew();

        var first = await sync.SyncAsync(Segment, list.Id, Membership(0, SegmentSize, emailChanges: false));
        var firstTook = clock.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), first.LastError);
            Assert.That((first.Added, first.Removed, first.Unchanged, first.Rejected, first.Failed), Is.EqualTo(((long)SegmentSize, 0L, 0L, 0L, 0L)));
            Assert.That(first.NotPersonalisable, Is.EqualTo(SegmentSize / 10), "members keyed by external id only");
            Assert.That(_emulator.ImportJobs, Has.Count.GreaterThanOrEqualTo(SegmentSize / AddBatchSize), "at least one import job per add batch");
            Assert.That(first.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(first.LastSyncedAt, Is.Not.Null);
        });
        var afterFirst = ListMembersByUserId(list.Id);
        Assert.That(afterFirst.Keys, Is.EquivalentTo(Enumerable.Range(0, SegmentSize).Select(UserId)), "exactly the segment is in the list");

        // Recompute: members 0..999 left, SegmentSize..SegmentSize+999 joined, every 200th of those staying changed their email.
        int changed = Enumerable.Range(1_000, SegmentSize - 1_000).Count(ChangesEmail);
        clock.Restart();
        var second = await sync.SyncAsync(Segment, list.Id, Membership(1_000, SegmentSize + 1_000, emailChanges: true));
        var secondTook = clock.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), second.LastError);
            Assert.That((second.Added, second.Updated, second.Removed, second.Rejected, second.Failed), Is.EqualTo((1_000L, (long)changed, 1_000L, 0L, 0L)));
            Assert.That(second.Unchanged, Is.EqualTo(SegmentSize - 1_000 - changed));
        });
        var afterSecond = ListMembersByUserId(list.Id);
        Assert.Multiple(() =>
        {
            Assert.That(afterSecond.Keys, Is.EquivalentTo(Enumerable.Range(1_000, SegmentSize).Select(UserId)), "departed members left, new ones joined");
            Assert.That(
                Enumerable.Range(1_000, SegmentSize).Where(ChangesEmail).Select(i => afterSecond[UserId(i)].Email),
                Is.EqualTo(Enumerable.Range(1_000, SegmentSize).Where(ChangesEmail).Select(i => NewEmail(i))),
                "changed emails reached the listed profiles");
        });

        TestContext.Out.WriteLine($"first sync of {SegmentSize:N0}: {firstTook.TotalSeconds:F1} s; recompute with churn: {secondTook.TotalSeconds:F1} s");
    }

    [Test]
    public async Task A_revoked_key_moves_the_connector_to_error_and_the_next_run_with_a_good_key_recovers()
    {
        var list = _emulator.CreateList("Recovering");
        string folder = Path.Combine(_folder, "state.db");
        var store = new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = folder });
        var badClient = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = "pk_" + new string('0', 34), BaseAddress = _emulator.BaseAddress });
        var bad = new KlaviyoListSync(store, new ListSyncTargetProvider("main", new KlaviyoListSyncTarget(badClient)));
        await bad.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = Segment, ListId = list.Id, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });

        var failed = await bad.SyncAsync(Segment, list.Id, Membership(0, 10, emailChanges: false));
        var recovered = await CreateSync(store).SyncAsync(Segment, list.Id, Membership(0, 10, emailChanges: false));

        Assert.Multiple(() =>
        {
            Assert.That((failed.Outcome, failed.Status), Is.EqualTo((ListSyncRunOutcome.Failed, ListSyncConnectorStatus.Error)));
            Assert.That(failed.LastError, Does.Contain("401").And.Not.Contain("pk_"));
            Assert.That((recovered.Outcome, recovered.Status, recovered.Added, recovered.LastError), Is.EqualTo((ListSyncRunOutcome.Completed, ListSyncConnectorStatus.Active, 10L, (string?)null)));
            Assert.That(_emulator.GetListMembers(list.Id), Has.Count.EqualTo(10));
        });
    }

    [Test]
    public async Task A_malformed_email_trait_costs_only_the_email_and_the_member_is_listed_by_its_external_id()
    {
        var list = _emulator.CreateList("Malformed emails");
        var sync = CreateSync();
        await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = Segment, ListId = list.Id, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });
        SegmentMember[] members =
        [
            new("crm-1", email: "not-an-email"),
            new("crm-2", email: "jane@@shop-demo.test", phoneNumber: "+14155552671"),
            new("crm-3", email: "ok@shop-demo.test"),
        ];

        var result = await sync.SyncAsync(Segment, list.Id, ToAsync(members));

        var listed = ListMembersByUserId(list.Id);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), result.LastError);
            Assert.That((result.Added, result.Rejected, result.MalformedEmailsDropped, result.NotPersonalisable), Is.EqualTo((3L, 0L, 2L, 2L)));
            Assert.That(listed.Keys, Is.EquivalentTo(new[] { "crm-1", "crm-2", "crm-3" }));
            Assert.That((listed["crm-1"].Email, listed["crm-2"].Email, listed["crm-2"].PhoneNumber), Is.EqualTo(((string?)null, (string?)null, "+14155552671")));
            Assert.That(listed["crm-3"].Email, Is.EqualTo("ok@shop-demo.test"));
            Assert.That(_emulator.Profiles, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Identify_events_link_emails_to_user_ids_and_the_listed_profiles_carry_them()
    {
        var list = _emulator.CreateList("Linked");
        var sync = CreateSync();
        await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = Segment, ListId = list.Id, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });
        await sync.SyncAsync(Segment, list.Id, ToAsync([new("crm-10"), new("crm-11")]));

        int linked = await sync.LinkIdentitiesAsync(
        [
            Klaviyo.Actions.Mapping.SegmentEvent.Parse("""{"type":"identify","userId":"crm-10","traits":{"email":"ten@shop-demo.test","plan":"gold"}}"""),
            Klaviyo.Actions.Mapping.SegmentEvent.Parse("""{"type":"track","event":"context_identified","userId":"crm-11","properties":{"email":"eleven@shop-demo.test"}}"""),
        ]);
        var second = await sync.SyncAsync(Segment, list.Id, ToAsync([new("crm-10"), new("crm-11")]));

        var listed = ListMembersByUserId(list.Id);
        Assert.Multiple(() =>
        {
            Assert.That(linked, Is.EqualTo(2));
            Assert.That((second.Updated, second.NotPersonalisable), Is.EqualTo((2L, 0L)));
            Assert.That(listed["crm-10"].Email, Is.EqualTo("ten@shop-demo.test"), "the same profile now carries the email");
            Assert.That(listed["crm-11"].Email, Is.EqualTo("eleven@shop-demo.test"));
            Assert.That(_emulator.Profiles, Has.Count.EqualTo(2), "no second profile for the email");
        });
    }

#pragma warning disable CS1998 // A fixed membership as a stream.
    private static async IAsyncEnumerable<SegmentMember> ToAsync(IEnumerable<SegmentMember> members)
    {
        foreach (var member in members)
        {
            yield return member;
        }
    }
#pragma warning restore CS1998

    private static string UserId(int i) => i % 10 == 1 ? $"member{i:D6}@shop-demo.test" : $"u{i:D6}";

    private static bool ChangesEmail(int i) => i % 200 == 2 && i < SegmentSize;

    private static string NewEmail(int i) => $"new.{i:D6}@shop-demo.test";

    /// <summary>
    /// Members <paramref name="from"/> to <paramref name="to"/> (exclusive): 80% an id with an email trait, 10% an email
    /// as user id, 10% an id only (external id, not personalisable); every 100th has a phone (every 1,000th one Klaviyo's rules refuse).
    /// </summary>
    private static async IAsyncEnumerable<SegmentMember> Membership(int from, int to, bool emailChanges, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = from; i < to; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? email = (i % 10) switch
            {
                1 => null,
                9 => null,
                _ => emailChanges && ChangesEmail(i) ? NewEmail(i) : $"m.{i:D6}@shop-demo.test",
            };
            string? phone = (i % 100, i % 1_000) switch
            {
                (_, 0) => $"+1415000{i / 1_000 % 10_000:D4}", // not a valid number: imported without it, removed by the other identifiers
                (0, _) => $"+1415555{i / 100 % 10_000:D4}",
                _ => null,
            };
            yield return new SegmentMember(UserId(i), email, phone);
            if (i % 5_000 == 0)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>The list's profiles keyed by the user id they were synced for (external id, or the email of an email user id).</summary>
    private Dictionary<string, EmulatedProfile> ListMembersByUserId(string listId)
    {
        var members = new HashSet<string>(_emulator.GetListMembers(listId), StringComparer.Ordinal);
        var byUserId = new Dictionary<string, EmulatedProfile>(StringComparer.Ordinal);
        foreach (var profile in _emulator.Profiles.Where(p => members.Contains(p.Id)))
        {
            string key = profile.ExternalId ?? profile.Email ?? throw new AssertionException($"profile {profile.Id} has neither external id nor email");
            Assert.That(byUserId.TryAdd(key, profile), Is.True, $"two listed profiles for {key}");
        }

        return byUserId;
    }

    private KlaviyoListSync CreateSync(IListSyncStateStore? store = null, ListSyncOptions? options = null)
    {
        var clientOptions = new KlaviyoClientOptions { ApiKey = _emulator.ApiKey, BaseAddress = _emulator.BaseAddress };
        clientOptions.Batching.JobPollInterval = TimeSpan.FromMilliseconds(50);
        var target = new KlaviyoListSyncTarget(new KlaviyoClient(clientOptions));
        store ??= new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = Path.Combine(_folder, "state.db") });
        return new KlaviyoListSync(store, new ListSyncTargetProvider("main", target), options);
    }
}
