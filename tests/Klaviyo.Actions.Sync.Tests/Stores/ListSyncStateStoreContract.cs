using Klaviyo.Actions.Sync.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

/// <summary>The behaviour every <see cref="IListSyncStateStore"/> must have; run against each implementation.</summary>
public abstract class ListSyncStateStoreContract
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    private IStoreFactory? _factory;

    private IStoreFactory Factory => _factory ?? throw new InvalidOperationException("SetUp did not run.");

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected IListSyncStateStore Store { get; private set; } = null!;

    protected abstract IStoreFactory CreateFactory();

    [SetUp]
    public void SetUpStore()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _factory = CreateFactory();
        Store = _factory.Create(Time);
    }

    [TearDown]
    public async Task TearDownStore()
    {
        // Null when SetUp ignored the test (no PostgreSQL server).
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null!;
        }
    }

    private static ListSyncConnectorRegistration Registration(string segment = "seg-1", string list = "AbCdEf", string credential = "main") =>
        new() { SegmentId = segment, ListId = list, CredentialName = credential };

    private async Task<ListSyncLease> RegisterAndLeaseAsync(string segment = "seg-1", string list = "AbCdEf")
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(segment, list), default);
        var lease = await Store.TryAcquireLeaseAsync(segment, list, "owner-" + Guid.NewGuid().ToString("N"), LeaseDuration, default);
        Assert.That(lease, Is.Not.Null);
        return lease!;
    }

    private static SegmentMember M(string userId, string? email = null, string? phone = null, string? external = null) =>
        new SegmentMember(userId, email, phone, external).Resolve();

    private async Task<List<ListSyncSnapshotEntry>> SnapshotAsync(string segment = "seg-1", string list = "AbCdEf")
    {
        var all = new List<ListSyncSnapshotEntry>();
        string? after = null;
        while (true)
        {
            var page = await Store.ReadSnapshotAsync(segment, list, after, 2, default);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Member.UserId;
        }
    }

    [Test]
    public async Task Schema_creation_is_idempotent_across_instances()
    {
        await Store.InitializeAsync(default);
        await Store.InitializeAsync(default);
        var second = Factory.Create(Time);
        var third = Factory.Create(Time);
        await Task.WhenAll(second.InitializeAsync(default), third.InitializeAsync(default));

        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        Assert.That(await third.GetConnectorAsync("seg-1", "AbCdEf", default), Is.Not.Null);
    }

    [Test]
    public async Task New_connector_starts_with_the_requested_status_and_no_history()
    {
        var created = await Store.CreateOrUpdateConnectorAsync(Registration(), default);

        Assert.Multiple(() =>
        {
            Assert.That(created.SegmentId, Is.EqualTo("seg-1"));
            Assert.That(created.ListId, Is.EqualTo("AbCdEf"));
            Assert.That(created.CredentialName, Is.EqualTo("main"));
            Assert.That(created.Status, Is.EqualTo(ListSyncConnectorStatus.Inactive));
            Assert.That(created.LastError, Is.Null);
            Assert.That(created.LastSyncedAt, Is.Null);
            Assert.That(created.CreatedAt, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(created.IsSyncing, Is.False);
        });
    }

    [Test]
    public async Task Registering_again_updates_the_credential_name_and_keeps_status_and_creation_time()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        await Store.SetStatusAsync("seg-1", "AbCdEf", ListSyncConnectorStatus.Active, default);
        var created = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromHours(1));

        var updated = await Store.CreateOrUpdateConnectorAsync(Registration(credential: "rotated") with { InitialStatus = ListSyncConnectorStatus.Inactive }, default);

        Assert.Multiple(() =>
        {
            Assert.That(updated.CredentialName, Is.EqualTo("rotated"));
            Assert.That(updated.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(updated.CreatedAt, Is.EqualTo(created));
        });
    }

    [Test]
    public async Task List_ids_are_case_sensitive_keys()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(list: "AbCdEf"), default);
        await Store.CreateOrUpdateConnectorAsync(Registration(list: "abcdef", credential: "other"), default);

        var upper = await Store.GetConnectorAsync("seg-1", "AbCdEf", default);
        var lower = await Store.GetConnectorAsync("seg-1", "abcdef", default);
        var none = await Store.GetConnectorAsync("seg-1", "ABCDEF", default);

        Assert.Multiple(() =>
        {
            Assert.That(upper!.CredentialName, Is.EqualTo("main"));
            Assert.That(lower!.CredentialName, Is.EqualTo("other"));
            Assert.That(none, Is.Null);
        });
    }

    [Test]
    public async Task Connectors_are_listed_by_segment_and_by_list()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration("seg-1", "ZzZzZ1"), default);
        await Store.CreateOrUpdateConnectorAsync(Registration("seg-1", "AaAaA1"), default);
        await Store.CreateOrUpdateConnectorAsync(Registration("seg-2", "AaAaA1"), default);

        var bySegment = await Store.GetConnectorsAsync("seg-1", default);
        var byList = await Store.GetConnectorsForListAsync("AaAaA1", default);
        var none = await Store.GetConnectorsAsync("seg-9", default);

        Assert.Multiple(() =>
        {
            Assert.That(bySegment.Select(c => c.ListId), Is.EqualTo(new[] { "AaAaA1", "ZzZzZ1" }));
            Assert.That(byList.Select(c => c.SegmentId), Is.EqualTo(new[] { "seg-1", "seg-2" }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task Set_status_updates_a_connector_and_reports_a_missing_one()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(), default);

        var active = await Store.SetStatusAsync("seg-1", "AbCdEf", ListSyncConnectorStatus.Active, default);
        var missing = await Store.SetStatusAsync("seg-1", "QqQqQq", ListSyncConnectorStatus.Active, default);

        Assert.Multiple(() =>
        {
            Assert.That(active!.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(missing, Is.Null);
        });
    }

    [Test]
    public async Task A_lease_is_held_by_one_owner_until_it_expires()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        var other = Factory.Create(Time);

        var first = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-a", LeaseDuration, default);
        var second = await other.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default);
        var syncing = await other.GetConnectorAsync("seg-1", "AbCdEf", default);
        Time.Advance(LeaseDuration + TimeSpan.FromSeconds(1));
        var afterExpiry = await other.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(first!.ExpiresAt, Is.EqualTo(Time.GetUtcNow() - LeaseDuration - TimeSpan.FromSeconds(1) + LeaseDuration));
            Assert.That(second, Is.Null);
            Assert.That(syncing!.IsSyncing, Is.True);
            Assert.That(afterExpiry, Is.Not.Null);
            Assert.That(afterExpiry!.Owner, Is.EqualTo("owner-b"));
        });
    }

    [Test]
    public async Task No_lease_for_a_connector_that_does_not_exist()
    {
        Assert.That(await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner", LeaseDuration, default), Is.Null);
    }

    [Test]
    public async Task Concurrent_takers_get_exactly_one_lease()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        var stores = Enumerable.Range(0, 6).Select(_ => Factory.Create(Time)).ToList();
        foreach (var store in stores)
        {
            await store.InitializeAsync(default);
        }

        var leases = await Task.WhenAll(stores.Select((store, i) =>
            Task.Run(() => store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-" + i, LeaseDuration, default))));

        Assert.That(leases.Count(l => l is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task Writes_extend_the_lease()
    {
        var lease = await RegisterAndLeaseAsync();
        var other = Factory.Create(Time);

        Time.Advance(LeaseDuration - TimeSpan.FromSeconds(10));
        await Store.StageMembersAsync(lease, [M("a@example.com")], default);
        Time.Advance(TimeSpan.FromSeconds(20)); // past the original expiry, within the extended one

        Assert.That(await other.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default), Is.Null);
    }

    [Test]
    public async Task A_run_that_lost_its_lease_cannot_write()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease, [new(M("kept@example.com"), "P1", true)], default);
        var other = Factory.Create(Time);
        Time.Advance(LeaseDuration + TimeSpan.FromSeconds(1));
        var takeover = await other.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default);
        Assert.That(takeover, Is.Not.Null);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.CommitUpsertsAsync(lease, [new(M("late@example.com"), null, true)], default));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.CommitRemovalsAsync(lease, ["kept@example.com"], default));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.StageMembersAsync(lease, [M("late@example.com")], default));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.ClearStagingAsync(lease, default));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.CompleteRunAsync(lease, new(ListSyncConnectorStatus.Error, "late", null), default));
        });

        var snapshot = await SnapshotAsync();
        var connector = await Store.GetConnectorAsync("seg-1", "AbCdEf", default);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Select(e => e.Member.UserId), Is.EqualTo(new[] { "kept@example.com" }));
            Assert.That(connector!.LastError, Is.Null);
            Assert.That(connector.IsSyncing, Is.True, "the new owner's lease must survive the old owner's attempts");
        });
    }

    [Test]
    public async Task The_connector_names_the_lease_holder_and_its_expiry_while_the_lease_is_held()
    {
        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        var before = await Store.GetConnectorAsync("seg-1", "AbCdEf", default);
        var lease = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "web-3/4242/0123456789abcdef0123456789abcdef/sync-worker-1", LeaseDuration, default);
        var held = await Store.GetConnectorAsync("seg-1", "AbCdEf", default);
        Time.Advance(LeaseDuration + TimeSpan.FromSeconds(1));
        var expired = await Store.GetConnectorAsync("seg-1", "AbCdEf", default);

        Assert.Multiple(() =>
        {
            Assert.That(before!.LeaseHolder, Is.Null);
            Assert.That(held!.LeaseHolder, Is.EqualTo(new ListSyncLeaseHolder { Owner = lease!.Owner, ExpiresAt = lease.ExpiresAt }));
            Assert.That((held.LeaseHolder!.Host, held.LeaseHolder.ProcessId, held.LeaseHolder.WorkerName), Is.EqualTo(("web-3", (int?)4242, "sync-worker-1")));
            Assert.That(held.LeaseHolder.ToString(), Is.EqualTo("worker 'sync-worker-1' (host web-3, process 4242), until 2026-03-01 12:05:00Z"));
            Assert.That(expired!.LeaseHolder, Is.Null, "an expired lease has no holder");
        });
    }

    [Test]
    public async Task A_held_lease_is_taken_over_only_from_the_owner_named()
    {
        var lease = await RegisterAndLeaseAsync();
        var other = Factory.Create(Time);

        var wrongOwner = await other.TryTakeOverLeaseAsync("seg-1", "AbCdEf", "someone-else", "owner-b", LeaseDuration, default);
        var takeover = await other.TryTakeOverLeaseAsync("seg-1", "AbCdEf", lease.Owner, "owner-b", LeaseDuration, default);
        var again = await Store.TryTakeOverLeaseAsync("seg-1", "AbCdEf", lease.Owner, "owner-c", LeaseDuration, default);

        Assert.Multiple(async () =>
        {
            Assert.That(wrongOwner, Is.Null, "a holder that changed meanwhile keeps the lease");
            Assert.That(takeover!.Owner, Is.EqualTo("owner-b"));
            Assert.That(takeover.ExpiresAt, Is.EqualTo(Time.GetUtcNow() + LeaseDuration));
            Assert.That(again, Is.Null, "the old owner's token no longer takes it");
            Assert.That((await Store.GetConnectorAsync("seg-1", "AbCdEf", default))!.LeaseHolder!.Owner, Is.EqualTo("owner-b"));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.StageMembersAsync(lease, [M("late@example.com")], default));
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.RenewLeaseAsync(lease, default));
        });
    }

    [Test]
    public async Task Renewing_extends_the_lease_from_now()
    {
        var lease = await RegisterAndLeaseAsync();
        var other = Factory.Create(Time);

        Time.Advance(LeaseDuration - TimeSpan.FromSeconds(10));
        var renewedUntil = await Store.RenewLeaseAsync(lease, default);
        Time.Advance(TimeSpan.FromSeconds(20)); // past the original expiry, within the renewed one

        Assert.Multiple(async () =>
        {
            Assert.That(renewedUntil, Is.EqualTo(Time.GetUtcNow() - TimeSpan.FromSeconds(20) + LeaseDuration));
            Assert.That(await other.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default), Is.Null);
            Assert.That((await other.GetConnectorAsync("seg-1", "AbCdEf", default))!.LeaseHolder!.ExpiresAt, Is.EqualTo(renewedUntil));
        });
    }

    [Test]
    public async Task Releasing_lets_another_owner_in_and_a_stale_release_changes_nothing()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.ReleaseLeaseAsync(lease, default);
        var next = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default);
        await Store.ReleaseLeaseAsync(lease, default); // stale: must not release owner-b's lease

        Assert.Multiple(async () =>
        {
            Assert.That(next, Is.Not.Null);
            Assert.That(await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-c", LeaseDuration, default), Is.Null);
        });
    }

    [Test]
    public async Task Staged_members_that_are_new_or_changed_are_pending_in_user_id_order()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease,
        [
            new(M("same@example.com"), "P1", true),
            new(M("u-changed", email: "old@example.com"), "P2", true),
            new(M("u-phone", phone: "+15550001"), "P3", true),
            new(M("rejected@example.com"), null, false),
            new(M("rejected-changed", email: "bad@example"), null, false),
        ], default);
        await Store.StageMembersAsync(lease,
        [
            M("same@example.com"),
            M("u-changed", email: "new@example.com"),
            M("u-phone", phone: "+15550002"),
            M("rejected@example.com"),
            M("rejected-changed", email: "fixed@example.com"),
            M("brand-new@example.com"),
        ], default);

        await Store.CompleteStagingAsync(lease, default);
        var pending = await Store.ReadPendingUpsertsAsync(lease, null, 100, default);

        Assert.That(pending.Select(p => p.Member.UserId), Is.EqualTo(new[] { "brand-new@example.com", "rejected-changed", "u-changed", "u-phone" }));
        var changed = pending.Single(p => p.Member.UserId == "u-changed");
        var fresh = pending.Single(p => p.Member.UserId == "brand-new@example.com");
        var rejected = pending.Single(p => p.Member.UserId == "rejected-changed");
        Assert.Multiple(() =>
        {
            Assert.That(changed.Member.Email, Is.EqualTo("new@example.com"));
            Assert.That(changed.Member.ExternalId, Is.EqualTo("u-changed"));
            Assert.That(changed.Previous, Is.EqualTo(new ListSyncSnapshotEntry(M("u-changed", email: "old@example.com"), "P2", true)));
            Assert.That(fresh.Previous, Is.Null);
            Assert.That(fresh.Member.Email, Is.EqualTo("brand-new@example.com"));
            Assert.That(rejected.Previous!.InList, Is.False);
        });
    }

    [Test]
    public async Task Pending_reads_reflect_what_this_run_already_committed()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease, [new(M("gone-1@example.com"), null, true), new(M("gone-2@example.com"), null, true)], default);
        await Store.StageMembersAsync(lease, [M("a@example.com"), M("b@example.com"), M("c@example.com")], default);
        await Store.CompleteStagingAsync(lease, default);

        await Store.CommitUpsertsAsync(lease, [new(M("b@example.com"), "P2", true)], default);
        await Store.CommitRemovalsAsync(lease, ["gone-1@example.com"], default);
        var upserts = await Store.ReadPendingUpsertsAsync(lease, null, 10, default);
        var removals = await Store.ReadPendingRemovalsAsync(lease, null, 10, default);

        Assert.Multiple(() =>
        {
            Assert.That(upserts.Select(u => u.Member.UserId), Is.EqualTo(new[] { "a@example.com", "c@example.com" }));
            Assert.That(removals.Select(r => r.Entry.Member.UserId), Is.EqualTo(new[] { "gone-2@example.com" }));
        });
    }

    [Test]
    public async Task Pending_upserts_page_after_a_user_id()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.StageMembersAsync(lease, [.. Enumerable.Range(0, 7).Select(i => M($"u{i}"))], default);
        await Store.CompleteStagingAsync(lease, default);

        var pages = new List<List<string>>();
        string? after = null;
        while (true)
        {
            var page = await Store.ReadPendingUpsertsAsync(lease, after, 3, default);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add([.. page.Select(p => p.Member.UserId)]);
            after = page[^1].Member.UserId;
        }

        Assert.That(pages, Is.EqualTo(new[] { new[] { "u0", "u1", "u2" }, new[] { "u3", "u4", "u5" }, new[] { "u6" } }));
    }

    [Test]
    public async Task Staging_a_user_id_again_keeps_the_last_identifiers()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.StageMembersAsync(lease, [M("u1", email: "first@example.com")], default);
        await Store.StageMembersAsync(lease, [M("u1", email: "second@example.com", phone: "+15550001")], default);

        var summary = await Store.CompleteStagingAsync(lease, default);
        var pending = await Store.ReadPendingUpsertsAsync(lease, null, 10, default);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Has.Count.EqualTo(1));
            Assert.That(pending[0].Member, Is.EqualTo(M("u1", email: "second@example.com", phone: "+15550001")));
            Assert.That(summary, Is.EqualTo(new ListSyncStagingSummary(1, 0)));
        });
    }

    [Test]
    public async Task Staging_summary_counts_members_without_email()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.StageMembersAsync(lease, [M("a@example.com"), M("u2"), M("u3", phone: "+15550003"), M("u4", email: "x@example.com")], default);

        Assert.That(await Store.CompleteStagingAsync(lease, default), Is.EqualTo(new ListSyncStagingSummary(4, 2)));
    }

    [Test]
    public async Task Snapshot_entries_not_staged_are_pending_removals_with_shared_identifiers_flagged()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease,
        [
            new(M("gone@example.com"), "P1", true),
            new(M("u-shares-email", email: "kept@example.com"), "P2", true),
            new(M("u-shares-external", external: "crm-9"), "P3", true),
            new(M("u-shares-phone", phone: "+15550009"), "P4", true),
            new(M("never-in-list@example.com"), null, false),
            new(M("stays@example.com"), "P5", true),
        ], default);
        await Store.StageMembersAsync(lease,
        [
            M("stays@example.com"),
            M("kept@example.com"),
            M("u-other", external: "crm-9"),
            M("u-other-2", phone: "+15550009"),
        ], default);

        await Store.CompleteStagingAsync(lease, default);
        var removals = await Store.ReadPendingRemovalsAsync(lease, null, 100, default);

        Assert.That(removals.Select(r => (r.Entry.Member.UserId, r.SharesIdentifierWithMember, r.Entry.InList)), Is.EqualTo(new[]
        {
            ("gone@example.com", false, true),
            ("never-in-list@example.com", false, false),
            ("u-shares-email", true, true),
            ("u-shares-external", true, true),
            ("u-shares-phone", true, true),
        }));
        Assert.That(removals[0].Entry.ProfileId, Is.EqualTo("P1"));
    }

    [Test]
    public async Task An_entry_whose_identifiers_all_changed_is_a_pending_removal_and_one_sharing_an_identifier_is_not()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease,
        [
            new(M("jane@example.com"), "P1", true),
            new(M("u-2", email: "old2@example.com"), "P2", true),
            new(M("u-3", email: "old3@example.com", phone: "+15550003"), "P3", true),
            new(M("u-4", email: "rejected@example"), null, false),
        ], default);
        await Store.StageMembersAsync(lease,
        [
            M("jane@example.com", email: "jane.new@example.com"), // email only, changed: another profile
            M("u-2", email: "new2@example.com"),                   // external id u-2 kept: same profile
            M("u-3", email: "new3@example.com", phone: "+15550003", external: "crm-3"), // phone kept
            M("u-4", email: "fixed@example.com"),                  // never in the list: nothing to remove
        ], default);

        await Store.CompleteStagingAsync(lease, default);
        var removals = await Store.ReadPendingRemovalsAsync(lease, null, 10, default);
        var upserts = await Store.ReadPendingUpsertsAsync(lease, null, 10, default);

        Assert.Multiple(() =>
        {
            Assert.That(removals.Select(r => (r.Entry.Member.Email, r.SharesIdentifierWithMember)), Is.EqualTo(new[] { ("jane@example.com", false) }));
            Assert.That(upserts.Select(u => u.Member.UserId), Is.EqualTo(new[] { "jane@example.com", "u-2", "u-3", "u-4" }));
        });
    }

    [Test]
    public async Task Pending_removals_page_after_a_user_id()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease, [.. Enumerable.Range(0, 5).Select(i => new ListSyncSnapshotEntry(M($"r{i}"), null, true))], default);
        await Store.CompleteStagingAsync(lease, default);

        var first = await Store.ReadPendingRemovalsAsync(lease, null, 2, default);
        var second = await Store.ReadPendingRemovalsAsync(lease, first[^1].Entry.Member.UserId, 2, default);
        var last = await Store.ReadPendingRemovalsAsync(lease, "r3", 2, default);

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(r => r.Entry.Member.UserId), Is.EqualTo(new[] { "r0", "r1" }));
            Assert.That(second.Select(r => r.Entry.Member.UserId), Is.EqualTo(new[] { "r2", "r3" }));
            Assert.That(last.Select(r => r.Entry.Member.UserId), Is.EqualTo(new[] { "r4" }));
        });
    }

    [Test]
    public async Task Commits_replace_and_delete_snapshot_entries()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease, [new(M("a@example.com"), null, true), new(M("u-b", phone: "+15550002"), "P2", true), new(M("c@example.com"), null, false)], default);
        await Store.CommitUpsertsAsync(lease, [new(M("a@example.com"), "P1", true), new(M("c@example.com"), "P3", true)], default);
        await Store.CommitRemovalsAsync(lease, ["u-b", "not-there"], default);

        var snapshot = await SnapshotAsync();

        Assert.That(snapshot, Is.EqualTo(new[]
        {
            new ListSyncSnapshotEntry(M("a@example.com"), "P1", true),
            new ListSyncSnapshotEntry(M("c@example.com"), "P3", true),
        }));
    }

    [Test]
    public async Task Null_and_present_identifiers_round_trip()
    {
        var lease = await RegisterAndLeaseAsync();
        var full = M("u-full", email: "Full@Example.com", phone: "+15550001", external: "crm-1");
        var bare = M("u-bare");
        await Store.CommitUpsertsAsync(lease, [new(full, "P1", true), new(bare, null, true)], default);

        var snapshot = await SnapshotAsync();

        Assert.Multiple(() =>
        {
            Assert.That(snapshot[0].Member, Is.EqualTo(bare));
            Assert.That(snapshot[0].Member.Email, Is.Null);
            Assert.That(snapshot[0].Member.PhoneNumber, Is.Null);
            Assert.That(snapshot[0].Member.ExternalId, Is.EqualTo("u-bare"));
            Assert.That(snapshot[1].Member, Is.EqualTo(full));
            Assert.That(snapshot[1].Member.Email, Is.EqualTo("full@example.com"));
        });
    }

    [Test]
    public async Task Completing_a_run_records_status_clears_staging_and_releases_the_lease()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.SetStatusAsync("seg-1", "AbCdEf", ListSyncConnectorStatus.Active, default);
        await Store.StageMembersAsync(lease, [M("a@example.com")], default);
        Time.Advance(TimeSpan.FromMinutes(1));
        var syncedAt = Time.GetUtcNow();

        var done = await Store.CompleteRunAsync(lease, new(ListSyncConnectorStatus.Active, null, syncedAt), default);
        var next = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-b", LeaseDuration, default);

        Assert.Multiple(async () =>
        {
            Assert.That(done.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(done.LastSyncedAt, Is.EqualTo(syncedAt));
            Assert.That(done.LastError, Is.Null);
            Assert.That(done.IsSyncing, Is.False);
            Assert.That(next, Is.Not.Null);
            Assert.That(await Store.CompleteStagingAsync(next!, default), Is.EqualTo(new ListSyncStagingSummary(0, 0)));
        });
    }

    [Test]
    public async Task A_failed_run_records_the_error_and_keeps_the_last_sync_time()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.SetStatusAsync("seg-1", "AbCdEf", ListSyncConnectorStatus.Active, default);
        var syncedAt = Time.GetUtcNow();
        await Store.CompleteRunAsync(lease, new(ListSyncConnectorStatus.Active, null, syncedAt), default);
        var second = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-2", LeaseDuration, default);
        Time.Advance(TimeSpan.FromMinutes(5));

        var failed = await Store.CompleteRunAsync(second!, new(ListSyncConnectorStatus.Error, "Klaviyo rejected the API key (401).", null), default);
        var third = await Store.TryAcquireLeaseAsync("seg-1", "AbCdEf", "owner-3", LeaseDuration, default);
        var recovered = await Store.CompleteRunAsync(third!, new(ListSyncConnectorStatus.Active, null, Time.GetUtcNow()), default);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(failed.LastError, Is.EqualTo("Klaviyo rejected the API key (401)."));
            Assert.That(failed.LastErrorAt, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(failed.LastSyncedAt, Is.EqualTo(syncedAt));
            Assert.That(recovered.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(recovered.LastError, Is.Null);
            Assert.That(recovered.LastErrorAt, Is.Null);
            Assert.That(recovered.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
        });
    }

    [Test]
    public async Task A_connector_deactivated_during_a_run_stays_inactive()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.SetStatusAsync("seg-1", "AbCdEf", ListSyncConnectorStatus.Inactive, default);

        var done = await Store.CompleteRunAsync(lease, new(ListSyncConnectorStatus.Active, null, Time.GetUtcNow()), default);

        Assert.That(done.Status, Is.EqualTo(ListSyncConnectorStatus.Inactive));
    }

    [Test]
    public async Task Connectors_keep_separate_snapshots_and_staging()
    {
        var one = await RegisterAndLeaseAsync("seg-1", "AbCdEf");
        var two = await RegisterAndLeaseAsync("seg-2", "GhIjKl");
        await Store.CommitUpsertsAsync(one, [new(M("a@example.com"), null, true)], default);
        await Store.StageMembersAsync(two, [M("a@example.com"), M("b@example.com")], default);

        await Store.CompleteStagingAsync(one, default);
        await Store.CompleteStagingAsync(two, default);
        var pendingTwo = await Store.ReadPendingUpsertsAsync(two, null, 10, default);
        var removalsOne = await Store.ReadPendingRemovalsAsync(one, null, 10, default);

        Assert.Multiple(async () =>
        {
            Assert.That(pendingTwo.Select(p => p.Member.UserId), Is.EqualTo(new[] { "a@example.com", "b@example.com" }));
            Assert.That(removalsOne.Select(r => r.Entry.Member.UserId), Is.EqualTo(new[] { "a@example.com" }), "staging of one connector must not count for another");
            Assert.That(await SnapshotAsync("seg-2", "GhIjKl"), Is.Empty);
        });
    }

    [Test]
    public async Task Deleting_a_connector_drops_its_state_and_fences_its_runs()
    {
        var lease = await RegisterAndLeaseAsync();
        await Store.CommitUpsertsAsync(lease, [new(M("a@example.com"), null, true)], default);

        bool deleted = await Store.DeleteConnectorAsync("seg-1", "AbCdEf", default);
        bool again = await Store.DeleteConnectorAsync("seg-1", "AbCdEf", default);

        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(again, Is.False);
            Assert.That(await Store.GetConnectorAsync("seg-1", "AbCdEf", default), Is.Null);
            Assert.That(await SnapshotAsync(), Is.Empty);
            Assert.ThrowsAsync<ListSyncLeaseLostException>(() => Store.CommitUpsertsAsync(lease, [new(M("b@example.com"), null, true)], default));
        });

        await Store.CreateOrUpdateConnectorAsync(Registration(), default);
        Assert.That(await SnapshotAsync(), Is.Empty, "a re-registered connector starts from an empty snapshot");
    }

    [Test]
    public async Task Identity_links_for_a_segment_win_over_links_for_every_segment()
    {
        await Store.LinkIdentityAsync(null, "u1", "global1@example.com", default);
        await Store.LinkIdentityAsync(null, "u2", "global2@example.com", default);
        await Store.LinkIdentityAsync("seg-1", "u2", "seg2@example.com", default);
        await Store.LinkIdentityAsync("seg-other", "u3", "other@example.com", default);
        await Store.LinkIdentityAsync(null, "u1", "global1-new@example.com", default);

        var linked = await Store.GetLinkedEmailsAsync("seg-1", ["u1", "u2", "u3", "u4"], default);
        var none = await Store.GetLinkedEmailsAsync("seg-1", [], default);

        Assert.Multiple(() =>
        {
            Assert.That(linked, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["u1"] = "global1-new@example.com",
                ["u2"] = "seg2@example.com",
            }));
            Assert.That(none, Is.Empty);
        });
    }

    [Test]
    public async Task Identity_links_are_looked_up_for_a_whole_staging_batch()
    {
        for (int i = 0; i < 50; i++)
        {
            await Store.LinkIdentityAsync("seg-1", $"u{i}", $"u{i}@example.com", default);
        }

        var ids = Enumerable.Range(0, 6_000).Select(i => $"u{i}").ToList();
        var linked = await Store.GetLinkedEmailsAsync("seg-1", ids, default);

        Assert.That(linked, Has.Count.EqualTo(50));
    }

    [Test]
    public async Task Unusual_user_ids_round_trip_and_order_consistently()
    {
        var lease = await RegisterAndLeaseAsync();
        string[] ids = ["Zeta", "alpha", "Ålesund", "名前", "o'brien", "a\"quote", "emoji-🙂", "semi;colon", "UPPER@EXAMPLE.COM"];
        await Store.StageMembersAsync(lease, [.. ids.Select(id => M(id))], default);
        await Store.CompleteStagingAsync(lease, default);

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await Store.ReadPendingUpsertsAsync(lease, after, 2, default);
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(p => p.Member.UserId));
            after = page[^1].Member.UserId;
        }

        Assert.That(seen, Is.EquivalentTo(ids));
        Assert.That(seen, Is.Unique);
    }
}
