using System.Net;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Engine;

/// <summary>The sync engine's behaviour end to end (engine + real store + fake Klaviyo), run against each store.</summary>
public abstract class ListSyncEngineContract
{
    protected const string Segment = "seg-vip";
    protected const string List = "AbCdEf";
    protected const string Credential = "klaviyo-main";

    private IStoreFactory? _factory;

    private IStoreFactory Factory => _factory ?? throw new InvalidOperationException("SetUp did not run.");

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected IListSyncStateStore Store { get; private set; } = null!;

    protected FakeKlaviyoList Klaviyo { get; private set; } = null!;

    protected KlaviyoListSync Sync { get; private set; } = null!;

    protected abstract IStoreFactory CreateFactory();

    [SetUp]
    public void SetUpEngine()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _factory = CreateFactory();
        Store = _factory.Create(Time);
        Klaviyo = new FakeKlaviyoList(List);
        Sync = NewEngine(Store, Klaviyo);
    }

    [TearDown]
    public async Task TearDownEngine()
    {
        // Null when SetUp ignored the test (no PostgreSQL server).
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null!;
        }
    }

    protected KlaviyoListSync NewEngine(IListSyncStateStore store, IKlaviyoListSyncTarget target, ListSyncOptions? options = null, ILogger<KlaviyoListSync>? logger = null) =>
        new(store, new ListSyncTargetProvider(Credential, target), options ?? EngineOptions(), Time, logger);

    /// <summary>The tests' engine options (small batches, a 10-minute lease), adjusted.</summary>
    protected static ListSyncOptions EngineOptions(Action<ListSyncOptions>? adjust = null)
    {
        var options = new ListSyncOptions { AddBatchSize = 4, RemoveBatchSize = 3, StagingBatchSize = 5, LeaseDuration = TimeSpan.FromMinutes(10) };
        adjust?.Invoke(options);
        return options;
    }

    protected async Task RegisterActiveAsync()
    {
        await Sync.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = Credential });
        await Sync.ActivateAsync(Segment, List);
    }

    protected Task<ListSyncResult> SyncAsync(IEnumerable<SegmentMember> members, KlaviyoListSync? engine = null, CancellationToken cancellationToken = default) =>
        (engine ?? Sync).SyncAsync(Segment, List, Members.Stream(members.ToList(), CancellationToken.None), cancellationToken);

    protected void AssertListHolds(IEnumerable<SegmentMember> members) =>
        Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(members.Select(FakeKlaviyoList.IdentityOf).Distinct()));

    protected async Task<List<ListSyncSnapshotEntry>> SnapshotAsync()
    {
        var all = new List<ListSyncSnapshotEntry>();
        string? after = null;
        while (true)
        {
            var page = await Store.ReadSnapshotAsync(Segment, List, after, 1000, default);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            after = page[^1].Member.UserId;
        }
    }

    // ---- Delta correctness over several recomputes ----

    [Test]
    public async Task First_sync_adds_every_member_and_records_the_sync()
    {
        await RegisterActiveAsync();
        var members = Members.EmailRange(1, 10).ToList();

        var result = await SyncAsync(members);

        AssertListHolds(members);
        var connector = await Sync.GetConnectorAsync(Segment, List);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(result.Members, Is.EqualTo(10));
            Assert.That(result.Added, Is.EqualTo(10));
            Assert.That(result.Removed + result.Updated + result.Unchanged + result.Failed + result.Rejected, Is.Zero);
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(result.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(connector!.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(connector.IsSyncing, Is.False);
            Assert.That(Klaviyo.CallsOf("add").Select(c => c.UserIds.Count), Is.EqualTo(new[] { 4, 4, 2 }), "additions go in batches of AddBatchSize");
            Assert.That(Klaviyo.CallsOf("remove"), Is.Empty);
        });
    }

    [Test]
    public async Task Recomputes_apply_only_the_delta()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.Emails(1, 2, 3, 4, 5));
        Klaviyo.ClearCalls();
        Time.Advance(TimeSpan.FromHours(1));

        var second = await SyncAsync(Members.Emails(2, 3, 4, 6, 7)); // 1 and 5 left, 6 and 7 joined

        AssertListHolds(Members.Emails(2, 3, 4, 6, 7));
        Assert.Multiple(() =>
        {
            Assert.That((second.Added, second.Removed, second.Unchanged, second.Updated), Is.EqualTo((2L, 2L, 3L, 0L)));
            Assert.That(Klaviyo.CallsOf("add").SelectMany(c => c.UserIds), Is.EquivalentTo(new[] { "user6@example.com", "user7@example.com" }));
            Assert.That(Klaviyo.CallsOf("remove").SelectMany(c => c.UserIds), Is.EquivalentTo(new[] { "user1@example.com", "user5@example.com" }));
            Assert.That(second.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
        });

        Klaviyo.ClearCalls();
        var third = await SyncAsync(Members.Emails(1, 2, 3, 4, 6, 7)); // 1 re-joins

        AssertListHolds(Members.Emails(1, 2, 3, 4, 6, 7));
        Assert.Multiple(() =>
        {
            Assert.That((third.Added, third.Removed, third.Unchanged), Is.EqualTo((1L, 0L, 5L)));
            Assert.That(Klaviyo.CallsOf("add").SelectMany(c => c.UserIds), Is.EqualTo(new[] { "user1@example.com" }));
        });

        Klaviyo.ClearCalls();
        var unchanged = await SyncAsync(Members.Emails(7, 6, 4, 3, 2, 1)); // same members, another order

        Assert.Multiple(() =>
        {
            Assert.That((unchanged.Added, unchanged.Removed, unchanged.Unchanged), Is.EqualTo((0L, 0L, 6L)));
            Assert.That(Klaviyo.CallsOf("add").Concat(Klaviyo.CallsOf("remove")), Is.Empty);
        });
    }

    [Test]
    public async Task An_empty_membership_empties_the_list()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.EmailRange(1, 7));

        var result = await SyncAsync([]);

        Assert.Multiple(async () =>
        {
            Assert.That(Klaviyo.Identities(List), Is.Empty);
            Assert.That(result.Removed, Is.EqualTo(7));
            Assert.That(Klaviyo.CallsOf("remove").Select(c => c.UserIds.Count), Is.EqualTo(new[] { 3, 3, 1 }), "removals go in batches of RemoveBatchSize");
            Assert.That(await SnapshotAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task A_changed_email_trait_updates_the_profile()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("u-1", email: "old@example.com"), new SegmentMember("u-2", email: "two@example.com")]);
        Klaviyo.ClearCalls();

        var result = await SyncAsync([new SegmentMember("u-1", email: "New@Example.com"), new SegmentMember("u-2", email: "two@example.com")]);

        var profile = Klaviyo.FindProfile(externalId: "u-1");
        Assert.Multiple(() =>
        {
            Assert.That((result.Updated, result.Added, result.Removed, result.Unchanged), Is.EqualTo((1L, 0L, 0L, 1L)));
            Assert.That(Klaviyo.CallsOf("add").SelectMany(c => c.UserIds), Is.EqualTo(new[] { "u-1" }));
            Assert.That(profile!.Email, Is.EqualTo("new@example.com"));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "new@example.com", "two@example.com" }));
        });
    }

    [Test]
    public async Task A_phone_or_external_id_change_is_an_update()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("u-1", email: "a@example.com", phoneNumber: "+15550001")]);
        Klaviyo.ClearCalls();

        var phone = await SyncAsync([new SegmentMember("u-1", email: "a@example.com", phoneNumber: "+15550002")]);
        var external = await SyncAsync([new SegmentMember("u-1", email: "a@example.com", phoneNumber: "+15550002", externalId: "crm-1")]);
        var same = await SyncAsync([new SegmentMember("u-1", email: " A@EXAMPLE.COM ", phoneNumber: "+15550002", externalId: "crm-1")]);

        Assert.Multiple(() =>
        {
            Assert.That(phone.Updated, Is.EqualTo(1));
            Assert.That(external.Updated, Is.EqualTo(1));
            Assert.That(same.Unchanged, Is.EqualTo(1), "emails are compared trimmed and lower-cased");
            Assert.That(Klaviyo.FindProfile(email: "a@example.com")!.PhoneNumber, Is.EqualTo("+15550002"));
        });
    }

    [Test]
    public async Task A_member_whose_only_identifier_changed_moves_to_the_new_profile()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("jane@example.com"), new SegmentMember("bob@example.com")]);
        Klaviyo.ClearCalls();

        // The user id stays; the email trait now differs and nothing else links the two profiles.
        var result = await SyncAsync([new SegmentMember("jane@example.com", email: "jane.new@example.com"), new SegmentMember("bob@example.com")]);

        Assert.Multiple(async () =>
        {
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane.new@example.com", "bob@example.com" }));
            Assert.That((result.Removed, result.Added, result.Updated), Is.EqualTo((1L, 1L, 0L)));
            Assert.That(Klaviyo.Calls.Select(c => c.Operation).Where(o => o != "validate"), Is.EqualTo(new[] { "remove", "add" }));
            Assert.That((await SnapshotAsync()).Single(e => e.Member.UserId == "jane@example.com").Member.Email, Is.EqualTo("jane.new@example.com"));
        });
    }

    [Test]
    public async Task When_the_old_profile_cannot_be_removed_the_new_one_waits_for_the_next_run()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("jane@example.com")]);
        Klaviyo.FailTransiently.Add("jane@example.com");

        var partial = await SyncAsync([new SegmentMember("jane@example.com", email: "jane.new@example.com")]);
        var entry = (await SnapshotAsync()).Single();
        Klaviyo.FailTransiently.Clear();
        var next = await SyncAsync([new SegmentMember("jane@example.com", email: "jane.new@example.com")]);

        Assert.Multiple(() =>
        {
            Assert.That((partial.Outcome, partial.Failed, partial.Added, partial.Updated), Is.EqualTo((ListSyncRunOutcome.Partial, 1L, 0L, 0L)));
            Assert.That(entry.Member.Email, Is.EqualTo("jane@example.com"), "the old identity is kept until its profile left the list");
            Assert.That((next.Removed, next.Added), Is.EqualTo((1L, 1L)));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane.new@example.com" }));
        });
    }

    [Test]
    public async Task A_user_id_that_changes_is_removed_then_added_so_a_shared_profile_stays_in_the_list()
    {
        await RegisterActiveAsync();
        // Same person, first known by an id with an email trait, then by the email itself: one Klaviyo profile.
        await SyncAsync([new SegmentMember("u-42", email: "jane@example.com")]);

        var result = await SyncAsync([new SegmentMember("jane@example.com")]);

        Assert.Multiple(() =>
        {
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane@example.com" }));
            Assert.That(result.Added, Is.EqualTo(1));
            Assert.That(result.RemovalsSkipped, Is.EqualTo(1), "the departed user id shares its email with a current member");
            Assert.That(Klaviyo.CallsOf("remove"), Is.Empty);
        });
    }

    [Test]
    public async Task A_departed_member_sharing_an_email_with_an_unchanged_member_does_not_take_the_profile_off_the_list()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("u-1", email: "shared@example.com"), new SegmentMember("shared@example.com"), new SegmentMember("b@example.com")]);

        var result = await SyncAsync([new SegmentMember("shared@example.com"), new SegmentMember("b@example.com")]);

        Assert.Multiple(async () =>
        {
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "shared@example.com", "b@example.com" }));
            Assert.That(result.RemovalsSkipped, Is.EqualTo(1));
            Assert.That((await SnapshotAsync()).Select(e => e.Member.UserId), Is.EquivalentTo(new[] { "shared@example.com", "b@example.com" }));
        });
    }

    [Test]
    public async Task Removal_uses_the_profile_id_an_earlier_outcome_reported()
    {
        await RegisterActiveAsync();
        await SyncAsync([new SegmentMember("u-1", email: "first@example.com")]);
        var entry = (await SnapshotAsync()).Single();

        await SyncAsync([]);

        Assert.Multiple(() =>
        {
            Assert.That(entry.ProfileId, Is.EqualTo(Klaviyo.FindProfile(email: "first@example.com")!.Id));
            Assert.That(Klaviyo.Identities(List), Is.Empty);
        });
    }

    [Test]
    public async Task Duplicate_user_ids_keep_the_last_identifiers_and_null_entries_are_ignored()
    {
        await RegisterActiveAsync();

        var result = await Sync.SyncAsync(Segment, List, Members.Stream(
        [
            new SegmentMember("u-1", email: "first@example.com"),
            null!,
            .. Members.EmailRange(1, 8), // pushes the duplicate into another staging batch
            new SegmentMember("u-1", email: "last@example.com"),
        ]));

        Assert.Multiple(() =>
        {
            Assert.That(result.Members, Is.EqualTo(9));
            Assert.That(result.Added, Is.EqualTo(9));
            Assert.That(result.Invalid, Is.EqualTo(1));
            Assert.That(Klaviyo.Identities(List), Does.Contain("last@example.com").And.Not.Contain("first@example.com"));
        });
    }

    // ---- Not personalisable members and identity linking ----

    [Test]
    public async Task Members_without_an_email_are_synced_by_external_id_and_reported_as_not_personalisable()
    {
        await RegisterActiveAsync();
        SegmentMember[] members =
        [
            new("jane@example.com"),
            new("crm-1001"),
            new("crm-1002", phoneNumber: "+15550002"),
            new("crm-1003", email: "known@example.com"),
        ];

        var result = await SyncAsync(members);
        var listed = new List<string>();
        await foreach (string userId in Sync.GetNotPersonalisableUserIdsAsync(Segment, List))
        {
            listed.Add(userId);
        }

        var byExternal = Klaviyo.FindProfile(externalId: "crm-1001");
        Assert.Multiple(() =>
        {
            Assert.That(result.NotPersonalisable, Is.EqualTo(2));
            Assert.That(result.NotPersonalisableSample, Is.EqualTo(new[] { "crm-1001", "crm-1002" }));
            Assert.That(listed, Is.EqualTo(new[] { "crm-1001", "crm-1002" }));
            Assert.That(byExternal, Is.Not.Null);
            Assert.That(byExternal!.Email, Is.Null);
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane@example.com", "ext:crm-1001", "ext:crm-1002", "known@example.com" }));
        });
    }

    [Test]
    public async Task The_not_personalisable_sample_is_capped()
    {
        await RegisterActiveAsync();
        var engine = NewEngine(Store, Klaviyo, new ListSyncOptions { MaxReportedUserIds = 3 });

        var result = await SyncAsync(Enumerable.Range(0, 10).Select(i => new SegmentMember($"id-{i}")), engine);

        Assert.Multiple(() =>
        {
            Assert.That(result.NotPersonalisable, Is.EqualTo(10));
            Assert.That(result.NotPersonalisableSample, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task An_identify_event_seen_later_links_an_email_and_the_next_sync_makes_the_member_personalisable()
    {
        await RegisterActiveAsync();
        SegmentMember[] members = [new("crm-1001"), new("crm-1002")];
        await SyncAsync(members);
        Klaviyo.ClearCalls();

        await Sync.LinkIdentityAsync(Segment, "crm-1001", " Jane@Example.com ");
        await Sync.LinkIdentityAsync(null, "crm-1002", "global@example.com");
        await Sync.LinkIdentityAsync("another-segment", "crm-1002", "elsewhere@example.com");
        var result = await SyncAsync(members);

        var jane = Klaviyo.FindProfile(externalId: "crm-1001");
        Assert.Multiple(() =>
        {
            Assert.That(result.Updated, Is.EqualTo(2));
            Assert.That(result.NotPersonalisable, Is.Zero);
            Assert.That(jane!.Email, Is.EqualTo("jane@example.com"), "the same profile (by external id) now carries the email");
            Assert.That(Klaviyo.FindProfile(externalId: "crm-1002")!.Email, Is.EqualTo("global@example.com"));
            Assert.That(Klaviyo.ProfileCount, Is.EqualTo(2));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane@example.com", "global@example.com" }));
        });
    }

    [Test]
    public async Task A_malformed_email_trait_is_dropped_and_the_member_synced_by_its_external_id()
    {
        await RegisterActiveAsync();
        SegmentMember[] members =
        [
            new("crm-2001", email: "not an email"),
            new("crm-2002", email: "jane@@example.com", phoneNumber: "+15550002"),
            new("ann@example.com", email: "ann@example"),  // the user id is a good email: kept
            new("crm-2003", email: "ok@example.com"),
        ];

        var result = await SyncAsync(members);
        var again = await SyncAsync(members);

        var snapshot = (await SnapshotAsync()).ToDictionary(e => e.Member.UserId, e => e.Member);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That((result.Added, result.Rejected, result.MalformedEmailsDropped), Is.EqualTo((4L, 0L, 3L)));
            Assert.That(result.NotPersonalisable, Is.EqualTo(2));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "ext:crm-2001", "ext:crm-2002", "ann@example.com", "ok@example.com" }));
            Assert.That((snapshot["crm-2002"].Email, snapshot["crm-2002"].ExternalId, snapshot["crm-2002"].PhoneNumber), Is.EqualTo(((string?)null, "crm-2002", "+15550002")));
            Assert.That((again.Unchanged, again.Added, again.Updated), Is.EqualTo((4L, 0L, 0L)), "the same drop every run: nothing is resent");
            Assert.That(result.ToString(), Does.Contain("malformed emails dropped 3").And.Not.Contain("jane@@"));
        });
    }

    [Test]
    public async Task Identify_events_feed_identity_links_for_members_without_an_email()
    {
        await RegisterActiveAsync();
        SegmentEvent[] events =
        [
            SegmentEvent.Parse("""{"type":"identify","userId":"crm-1001","traits":{"email":" Jane@Example.com "}}"""),
            SegmentEvent.Parse("""{"type":"track","event":"context_identified","userId":"crm-1002","properties":{"email":"bob@example.com"}}"""),
            SegmentEvent.Parse("""{"type":"identify","userId":"crm-1003","context":{"traits":{"email":"cy@example.com"}}}"""),
            SegmentEvent.Parse("""{"type":"identify","userId":"crm-1004","traits":{"email":"not-an-email"}}"""),
            SegmentEvent.Parse("""{"type":"identify","anonymousId":"a-1","traits":{"email":"anon@example.com"}}"""),
            SegmentEvent.Parse("""{"type":"track","event":"Signed Up","userId":"crm-1005","properties":{"email":"dee@example.com"}}"""),
            SegmentEvent.Parse("""{"type":"identify","userId":"crm-1001","traits":{"email":"jane.doe@example.com"}}"""),
        ];

        int linked = await Sync.LinkIdentitiesAsync(events);
        var result = await SyncAsync([new("crm-1001"), new("crm-1002"), new("crm-1003"), new("crm-1004"), new("crm-1005")]);

        Assert.Multiple(() =>
        {
            Assert.That(linked, Is.EqualTo(3));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "jane.doe@example.com", "bob@example.com", "cy@example.com", "ext:crm-1004", "ext:crm-1005" }));
            Assert.That(Klaviyo.FindProfile(email: "jane.doe@example.com")!.ExternalId, Is.EqualTo("crm-1001"), "the link joins email and external id on one profile");
            Assert.That(result.NotPersonalisable, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_member_email_trait_wins_over_a_linked_email()
    {
        await RegisterActiveAsync();
        await Sync.LinkIdentityAsync(null, "crm-1", "linked@example.com");

        await SyncAsync([new SegmentMember("crm-1", email: "own@example.com")]);

        Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "own@example.com" }));
    }

    [Test]
    public void Linking_checks_its_input()
    {
        var bad = Assert.ThrowsAsync<KlaviyoValidationException>(() => Sync.LinkIdentityAsync(null, " ", "not-an-email"));
        Assert.That(bad!.Errors.Select(e => (e.Field, e.Rule)), Is.EquivalentTo(new[] { ("user_id", "required"), ("email", "email_format") }));
    }

    // ---- Status transitions ----

    [Test]
    public async Task An_inactive_connector_is_skipped_without_reading_the_membership()
    {
        await Sync.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = Credential });
        var membership = new Members.CountingMembership(Members.Emails(1));

        var skipped = await Sync.SyncAsync(Segment, List, membership);
        await Sync.ActivateAsync(Segment, List);
        var ran = await Sync.SyncAsync(Segment, List, membership);
        await Sync.DeactivateAsync(Segment, List);
        var skippedAgain = await Sync.SyncAsync(Segment, List, membership);

        Assert.Multiple(() =>
        {
            Assert.That(skipped.Outcome, Is.EqualTo(ListSyncRunOutcome.Skipped));
            Assert.That(skipped.Status, Is.EqualTo(ListSyncConnectorStatus.Inactive));
            Assert.That(ran.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(skippedAgain.Outcome, Is.EqualTo(ListSyncRunOutcome.Skipped));
            Assert.That(membership.Enumerations, Is.EqualTo(1));
            Assert.That(Klaviyo.Calls.Count(c => c.Operation == "validate"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Syncing_an_unknown_connector_throws()
    {
        var ex = Assert.ThrowsAsync<ListSyncConnectorNotFoundException>(() => SyncAsync(Members.Emails(1)));
        Assert.That(ex!.ListId, Is.EqualTo(List));
    }

    [Test]
    public async Task An_invalid_key_moves_the_connector_to_error_and_the_next_run_recovers()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.Emails(1, 2));
        var lastSynced = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromHours(1));
        Klaviyo.BeforeCall = call => call.Operation == "validate" ? throw KlaviyoErrors.Unauthorized() : Task.CompletedTask;

        var failed = await SyncAsync(Members.Emails(2, 3));

        Assert.Multiple(async () =>
        {
            Assert.That(failed.Outcome, Is.EqualTo(ListSyncRunOutcome.Failed));
            Assert.That(failed.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(failed.LastError, Does.Contain("401").And.Contain("invalid or was revoked").And.Contain(Credential));
            Assert.That(failed.LastSyncedAt, Is.EqualTo(lastSynced));
            Assert.That((await SnapshotAsync()).Select(e => e.Member.UserId), Is.EquivalentTo(new[] { "user1@example.com", "user2@example.com" }));
            Assert.That((await Sync.GetConnectorAsync(Segment, List))!.LastErrorAt, Is.EqualTo(Time.GetUtcNow()));
        });

        Klaviyo.BeforeCall = null;
        Time.Advance(TimeSpan.FromMinutes(5));
        var recovered = await SyncAsync(Members.Emails(2, 3));

        AssertListHolds(Members.Emails(2, 3));
        Assert.Multiple(() =>
        {
            Assert.That(recovered.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(recovered.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(recovered.LastError, Is.Null);
            Assert.That(recovered.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
        });
    }

    [Test]
    public async Task A_revoked_key_mid_run_keeps_what_was_accepted()
    {
        await RegisterActiveAsync();
        int adds = 0;
        Klaviyo.BeforeCall = call => call.Operation == "add" && ++adds == 2 ? throw KlaviyoErrors.Forbidden() : Task.CompletedTask;

        var result = await SyncAsync(Members.EmailRange(1, 10));

        Assert.Multiple(async () =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Failed));
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(result.LastError, Does.Contain("403"));
            Assert.That(result.Added, Is.EqualTo(4));
            Assert.That(await SnapshotAsync(), Has.Count.EqualTo(4), "the first batch was accepted and recorded");
        });
    }

    [Test]
    public async Task A_list_that_does_not_exist_moves_the_connector_to_error()
    {
        await Sync.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = "XyZ123", CredentialName = Credential, InitialStatus = ListSyncConnectorStatus.Active });

        var result = await Sync.SyncAsync(Segment, "XyZ123", Members.Stream(Members.Emails(1)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Failed));
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(result.LastError, Does.Contain("XyZ123").And.Contain("404").And.Contain("case-sensitive"));
            Assert.That(Klaviyo.CallsOf("add"), Is.Empty);
        });
    }

    [Test]
    public async Task The_last_error_never_quotes_personal_data_from_Klaviyo()
    {
        await RegisterActiveAsync();
        Klaviyo.BeforeCall = call => call.Operation == "add"
            ? throw KlaviyoErrors.Status(HttpStatusCode.BadRequest, "invalid", "Invalid email jane.doe@example.com at +15551234567")
            : Task.CompletedTask;

        var result = await SyncAsync([new SegmentMember("jane.doe@example.com", phoneNumber: "+15551234567")]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(result.LastError, Does.Contain("400").And.Contain("invalid"));
            Assert.That(result.LastError, Does.Not.Contain("jane").And.Not.Contain("5551234567"));
        });
    }

    [Test]
    public async Task An_unknown_credential_name_moves_the_connector_to_error()
    {
        await Sync.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = "nobody", InitialStatus = ListSyncConnectorStatus.Active });

        var result = await SyncAsync(Members.Emails(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(result.LastError, Does.Contain("'nobody'"));
            Assert.That(Klaviyo.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task A_target_that_breaks_its_contract_puts_the_connector_in_error_and_the_exception_surfaces()
    {
        await RegisterActiveAsync();
        var broken = new BrokenTarget();
        var engine = NewEngine(Store, broken);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => SyncAsync(Members.Emails(1, 2), engine));
        var connector = await Sync.GetConnectorAsync(Segment, List);

        Assert.Multiple(async () =>
        {
            Assert.That(ex!.Message, Does.Contain("1 outcomes for 2 members"));
            Assert.That(connector!.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(connector.IsSyncing, Is.False);
            Assert.That(await SnapshotAsync(), Is.Empty);
        });
    }

    // ---- Failures mid-sync: state stays consistent, the next run completes ----

    [Test]
    public async Task A_rate_limit_mid_sync_interrupts_the_run_and_the_next_run_finishes_without_resending()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.EmailRange(100, 6));
        var firstSynced = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromHours(1));
        Klaviyo.ClearCalls();
        int adds = 0;
        Klaviyo.BeforeCall = call => call.Operation == "add" && ++adds == 2 ? throw KlaviyoErrors.RateLimited() : Task.CompletedTask;
        var wanted = Members.EmailRange(1, 10).Concat(Members.EmailRange(100, 3)).ToList(); // 3 removals, 10 additions

        var interrupted = await SyncAsync(wanted);

        Assert.Multiple(async () =>
        {
            Assert.That(interrupted.Outcome, Is.EqualTo(ListSyncRunOutcome.Interrupted));
            Assert.That(interrupted.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            Assert.That(interrupted.LastError, Does.Contain("429"));
            Assert.That(interrupted.LastSyncedAt, Is.EqualTo(firstSynced));
            Assert.That(interrupted.Removed, Is.EqualTo(3));
            Assert.That(interrupted.Added, Is.EqualTo(4));
            Assert.That(await SnapshotAsync(), Has.Count.EqualTo(3 + 4));
        });

        Klaviyo.BeforeCall = null;
        var completed = await SyncAsync(wanted);

        AssertListHolds(wanted);
        Assert.Multiple(() =>
        {
            Assert.That(completed.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(completed.Added, Is.EqualTo(6));
            Assert.That(completed.LastError, Is.Null);
            Assert.That(completed.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(wanted.Select(m => Klaviyo.TimesAdded(m.UserId)).Max(), Is.LessThanOrEqualTo(2), "only the batch that failed is sent again");
            var firstBatch = Members.EmailRange(1, 10).Select(m => m.UserId).Order(StringComparer.Ordinal).Take(4);
            Assert.That(firstBatch.Select(Klaviyo.TimesAdded), Is.All.EqualTo(1), "the accepted batch (first in user-id order) is not resent");
        });
    }

    [Test]
    public async Task Server_errors_and_network_failures_interrupt_without_moving_to_error()
    {
        await RegisterActiveAsync();
        Klaviyo.BeforeCall = call => call.Operation == "add" ? throw KlaviyoErrors.ServerError() : Task.CompletedTask;
        var server = await SyncAsync(Members.Emails(1));
        Klaviyo.BeforeCall = call => call.Operation == "add" ? throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused") : Task.CompletedTask;
        var network = await SyncAsync(Members.Emails(1));
        Klaviyo.BeforeCall = call => call.Operation == "add" ? throw new TaskCanceledException("HttpClient.Timeout") : Task.CompletedTask;
        var timeout = await SyncAsync(Members.Emails(1));

        Assert.Multiple(() =>
        {
            foreach (var result in new[] { server, network, timeout })
            {
                Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Interrupted));
                Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Active));
            }

            Assert.That(server.LastError, Does.Contain("503"));
            Assert.That(network.LastError, Does.Contain("could not be reached"));
            Assert.That(timeout.LastError, Does.Contain("timed out"));
        });
    }

    [Test]
    public async Task Members_that_fail_transiently_are_retried_by_the_next_run_only()
    {
        await RegisterActiveAsync();
        Klaviyo.FailTransiently.UnionWith(["user3@example.com", "user5@example.com"]);

        var partial = await SyncAsync(Members.EmailRange(1, 6));

        Assert.Multiple(() =>
        {
            Assert.That(partial.Outcome, Is.EqualTo(ListSyncRunOutcome.Partial));
            Assert.That(partial.Added, Is.EqualTo(4));
            Assert.That(partial.Failed, Is.EqualTo(2));
            Assert.That(partial.LastSyncedAt, Is.Null, "last_synced_at moves only when every change was accepted");
            Assert.That(partial.LastError, Does.Contain("2 members").And.Contain("throttled"));
        });

        Klaviyo.FailTransiently.Clear();
        Klaviyo.ClearCalls();
        var next = await SyncAsync(Members.EmailRange(1, 6));

        AssertListHolds(Members.EmailRange(1, 6));
        Assert.Multiple(() =>
        {
            Assert.That(next.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(Klaviyo.CallsOf("add").SelectMany(c => c.UserIds), Is.EquivalentTo(new[] { "user3@example.com", "user5@example.com" }));
            Assert.That(next.LastSyncedAt, Is.EqualTo(Time.GetUtcNow()));
        });
    }

    [Test]
    public async Task A_removal_that_fails_is_retried_by_the_next_run()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.Emails(1, 2, 3));
        Klaviyo.FailTransiently.Add("user2@example.com");

        var partial = await SyncAsync(Members.Emails(1));
        Klaviyo.FailTransiently.Clear();
        Klaviyo.ClearCalls();
        var next = await SyncAsync(Members.Emails(1));

        AssertListHolds(Members.Emails(1));
        Assert.Multiple(() =>
        {
            Assert.That((partial.Removed, partial.Failed), Is.EqualTo((1L, 1L)));
            Assert.That(next.Removed, Is.EqualTo(1));
            Assert.That(Klaviyo.CallsOf("remove").SelectMany(c => c.UserIds), Is.EqualTo(new[] { "user2@example.com" }));
        });
    }

    [Test]
    public async Task A_rejected_member_is_not_resent_until_its_identifiers_change()
    {
        await RegisterActiveAsync();
        Klaviyo.RejectOnAdd.Add("u-bad");
        var members = new List<SegmentMember> { new("u-bad", email: "bad@example"), new("ok@example.com") };

        var first = await SyncAsync(members);
        Klaviyo.ClearCalls();
        var second = await SyncAsync(members);
        Klaviyo.RejectOnAdd.Clear();
        var fixedMember = await SyncAsync([new("u-bad", email: "good@example.com"), new("ok@example.com")]);
        var leaving = await SyncAsync([new("ok@example.com")]);

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), "a permanent rejection does not hold back last_synced_at");
            Assert.That((first.Added, first.Rejected), Is.EqualTo((1L, 1L)));
            Assert.That(second.Unchanged, Is.EqualTo(2));
            Assert.That(fixedMember.Added, Is.EqualTo(1));
            Assert.That(leaving.Removed, Is.EqualTo(1));
            Assert.That(Klaviyo.Identities(List), Is.EquivalentTo(new[] { "ok@example.com" }));
        });
        Assert.That(Klaviyo.CallsOf("add").Take(1).SelectMany(c => c.UserIds), Is.EqualTo(new[] { "u-bad" }), "second run sent nothing; the fix was sent");
    }

    [Test]
    public async Task A_rejected_never_added_member_leaving_needs_no_call()
    {
        await RegisterActiveAsync();
        Klaviyo.RejectOnAdd.Add("u-bad");
        await SyncAsync([new SegmentMember("u-bad", email: "bad@example")]);
        Klaviyo.ClearCalls();

        var result = await SyncAsync([]);

        Assert.Multiple(async () =>
        {
            Assert.That(result.RemovalsSkipped, Is.EqualTo(1));
            Assert.That(Klaviyo.CallsOf("remove"), Is.Empty);
            Assert.That(await SnapshotAsync(), Is.Empty);
        });
    }

    [Test]
    public async Task A_membership_stream_that_fails_changes_nothing_and_removes_nobody()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.EmailRange(1, 10));
        Klaviyo.ClearCalls();

        var ex = Assert.ThrowsAsync<IOException>(() => Sync.SyncAsync(Segment, List, Members.FailingAfter(Members.EmailRange(1, 10), 3, new IOException("segment export truncated"))));

        Assert.Multiple(async () =>
        {
            Assert.That(ex!.Message, Is.EqualTo("segment export truncated"));
            Assert.That(Klaviyo.CallsOf("remove"), Is.Empty, "a partial membership must never be taken for the whole one");
            Assert.That(await SnapshotAsync(), Has.Count.EqualTo(10));
            Assert.That((await Sync.GetConnectorAsync(Segment, List))!.IsSyncing, Is.False, "the lease is given back");
        });

        var next = await SyncAsync(Members.EmailRange(1, 10));
        Assert.That(next.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
    }

    [Test]
    public async Task A_cancelled_run_keeps_its_committed_batches_and_the_next_run_completes()
    {
        await RegisterActiveAsync();
        using var cancellation = new CancellationTokenSource();
        int adds = 0;
        Klaviyo.BeforeCall = call =>
        {
            if (call.Operation == "add" && ++adds == 2)
            {
                cancellation.Cancel();
                cancellation.Token.ThrowIfCancellationRequested();
            }

            return Task.CompletedTask;
        };

        Assert.CatchAsync<OperationCanceledException>(() => SyncAsync(Members.EmailRange(1, 10), cancellationToken: cancellation.Token));
        var afterCancel = await SnapshotAsync();
        Klaviyo.BeforeCall = null;
        var next = await SyncAsync(Members.EmailRange(1, 10));

        AssertListHolds(Members.EmailRange(1, 10));
        Assert.Multiple(() =>
        {
            Assert.That(afterCancel, Has.Count.EqualTo(4));
            Assert.That(next.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(next.Added, Is.EqualTo(6));
        });
    }

    // ---- One worker per connector ----

    [Test]
    public async Task Two_workers_on_one_connector_do_not_both_apply_it()
    {
        await RegisterActiveAsync();
        var otherStore = Factory.Create(Time);
        var otherEngine = NewEngine(otherStore, Klaviyo);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Klaviyo.BeforeCall = async call =>
        {
            if (call.Operation == "add" && !entered.Task.IsCompleted)
            {
                entered.SetResult();
                await release.Task;
            }
        };

        var first = Task.Run(() => SyncAsync(Members.EmailRange(1, 6)));
        await entered.Task;
        var second = await SyncAsync(Members.EmailRange(1, 6), otherEngine);
        var whileRunning = await otherEngine.GetConnectorAsync(Segment, List);
        release.SetResult();
        var firstResult = await first;

        AssertListHolds(Members.EmailRange(1, 6));
        Assert.Multiple(() =>
        {
            Assert.That(second.Outcome, Is.EqualTo(ListSyncRunOutcome.AlreadyRunning));
            Assert.That(whileRunning!.IsSyncing, Is.True);
            Assert.That(firstResult.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(Klaviyo.Calls.Count(c => c.Operation == "validate"), Is.EqualTo(1), "the second worker sent nothing");
            Assert.That(Members.EmailRange(1, 6).Select(m => Klaviyo.TimesAdded(m.UserId)), Is.All.EqualTo(1));
        });
    }

    [Test]
    public async Task A_worker_whose_lease_expired_cannot_overwrite_the_worker_that_took_over()
    {
        await RegisterActiveAsync();
        var slowTarget = new FakeKlaviyoList(List);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slowTarget.BeforeCall = async call =>
        {
            if (call.Operation == "add")
            {
                entered.TrySetResult();
                await release.Task;
            }
        };
        // A worker stalled as a whole (its heartbeat too, e.g. a frozen process or a partition from the database).
        var slowEngine = NewEngine(Factory.Create(Time), slowTarget, EngineOptions(o => o.LeaseRenewalInterval = Timeout.InfiniteTimeSpan));
        var stalled = Task.Run(() => SyncAsync(Members.Emails(1, 2), slowEngine));
        await entered.Task;

        Time.Advance(TimeSpan.FromMinutes(11)); // the stalled worker's lease (10 minutes) expires
        var takeover = await SyncAsync(Members.Emails(1, 2, 3));
        release.SetResult();
        var stalledResult = await stalled;

        var snapshot = await SnapshotAsync();
        Assert.Multiple(() =>
        {
            Assert.That(takeover.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(stalledResult.Outcome, Is.EqualTo(ListSyncRunOutcome.LeaseLost));
            Assert.That(snapshot.Select(e => e.Member.UserId), Is.EquivalentTo(new[] { "user1@example.com", "user2@example.com", "user3@example.com" }));
            Assert.That(snapshot.Select(e => e.ProfileId), Is.All.Not.Null.And.All.StartsWith("P"));
            Assert.That(snapshot.Select(e => e.ProfileId), Is.EquivalentTo(Klaviyo.Identities(List).Select(email => Klaviyo.FindProfile(email: email)!.Id)),
                "the state is the new owner's, not the stalled worker's");
        });
    }

    [Test]
    public async Task A_lease_left_by_a_dead_process_of_this_machine_is_taken_over_at_once()
    {
        await RegisterActiveAsync();
        int deadProcess = await ExitedProcessIdAsync();
        string crashed = $"{Environment.MachineName}/{deadProcess}/{Guid.NewGuid():N}/crashed-worker";
        Assert.That(await Store.TryAcquireLeaseAsync(Segment, List, crashed, TimeSpan.FromMinutes(10), default), Is.Not.Null);

        var result = await SyncAsync(Members.Emails(1, 2, 3));

        AssertListHolds(Members.Emails(1, 2, 3));
        var connector = await Sync.GetConnectorAsync(Segment, List);
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), "no wait for the dead process's lease to expire");
            Assert.That(result.LeaseTakenOverFrom!.Owner, Is.EqualTo(crashed));
            Assert.That(result.LeaseTakenOverFrom.ProcessId, Is.EqualTo(deadProcess));
            Assert.That(connector!.LeaseHolder, Is.Null, "released at the end of the run");
        });
    }

    [Test]
    public async Task A_lease_of_a_live_process_or_of_another_machine_is_reported_with_its_holder_and_expiry()
    {
        await RegisterActiveAsync();
        int deadProcess = await ExitedProcessIdAsync();
        string[] holders =
        [
            $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}/live-worker", // alive: this very process
            $"other-host-7/{deadProcess}/{Guid.NewGuid():N}/remote-worker",                       // not ours to judge
        ];
        var results = new List<ListSyncResult>();
        foreach (string holder in holders)
        {
            var lease = await Store.TryAcquireLeaseAsync(Segment, List, holder, TimeSpan.FromMinutes(10), default);
            results.Add(await SyncAsync(Members.Emails(1)));
            await Store.ReleaseLeaseAsync(lease!, default);
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Outcome), Is.All.EqualTo(ListSyncRunOutcome.AlreadyRunning));
            Assert.That(results.Select(r => r.LeaseHolder!.Owner), Is.EqualTo(holders));
            Assert.That(results.Select(r => r.LeaseHolder!.ExpiresAt), Is.All.EqualTo(Time.GetUtcNow().AddMinutes(10)));
            Assert.That(results[1].LeaseHolder!.ToString(), Is.EqualTo($"worker 'remote-worker' (host other-host-7, process {deadProcess}), until 2026-03-01 12:10:00Z"));
            Assert.That(results[1].ToString(), Does.Contain("lease held by worker 'remote-worker'"));
            Assert.That(Klaviyo.Calls, Is.Empty, "nothing was sent");
        });
    }

    [Test]
    public async Task Orphaned_leases_wait_for_expiry_when_take_over_is_turned_off()
    {
        await RegisterActiveAsync();
        var engine = NewEngine(Store, Klaviyo, EngineOptions(o => o.TakeOverOrphanedLeases = false));
        string crashed = $"{Environment.MachineName}/{await ExitedProcessIdAsync()}/{Guid.NewGuid():N}/crashed-worker";
        await Store.TryAcquireLeaseAsync(Segment, List, crashed, TimeSpan.FromMinutes(10), default);

        var result = await SyncAsync(Members.Emails(1), engine);

        Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.AlreadyRunning));
    }

    [Test]
    public async Task An_operator_take_over_takes_a_live_lease_and_the_old_run_stops_with_lease_lost()
    {
        await RegisterActiveAsync();
        var slowTarget = new FakeKlaviyoList(List);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slowTarget.BeforeCall = async call =>
        {
            if (call.Operation == "add")
            {
                entered.TrySetResult();
                await release.Task;
            }
        };
        var slowEngine = NewEngine(Factory.Create(Time), slowTarget);
        var running = Task.Run(() => SyncAsync(Members.Emails(1, 2), slowEngine));
        await entered.Task;

        var refused = await SyncAsync(Members.Emails(1, 2, 3));
        var takeover = await Sync.SyncAsync(Segment, List, Members.Stream(Members.Emails(1, 2, 3).ToList()), new ListSyncRunOptions { TakeOverLease = true });
        release.SetResult();
        var oldRun = await running;

        var snapshot = await SnapshotAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused.Outcome, Is.EqualTo(ListSyncRunOutcome.AlreadyRunning), "a live holder keeps its lease without the flag");
            Assert.That(takeover.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(takeover.LeaseTakenOverFrom!.ProcessId, Is.EqualTo(Environment.ProcessId));
            Assert.That(oldRun.Outcome, Is.EqualTo(ListSyncRunOutcome.LeaseLost));
            Assert.That(snapshot.Select(e => e.Member.UserId), Is.EquivalentTo(new[] { "user1@example.com", "user2@example.com", "user3@example.com" }));
        });
    }

    [Test]
    public async Task A_run_longer_than_its_lease_keeps_it_by_renewing_on_a_heartbeat()
    {
        await RegisterActiveAsync();
        var renewals = new SemaphoreSlim(0);
        var logger = new CallbackLogger(id => { if (id == 4014) { renewals.Release(); } });
        var options = EngineOptions(o => o.LeaseDuration = TimeSpan.FromSeconds(30)); // renewed every 10 s
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowTarget = new FakeKlaviyoList(List)
        {
            BeforeCall = async call =>
            {
                if (call.Operation == "add")
                {
                    entered.TrySetResult();
                    await release.Task;
                }
            },
        };
        var longRun = Task.Run(() => SyncAsync(Members.Emails(1, 2), NewEngine(Factory.Create(Time), slowTarget, options, logger)));
        await entered.Task;

        for (int beat = 0; beat < 9; beat++) // 90 s in one target call: three lease durations
        {
            Time.Advance(TimeSpan.FromSeconds(10));
            Assert.That(await renewals.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, $"renewal {beat + 1}");
        }

        var other = await SyncAsync(Members.Emails(1, 2, 3), NewEngine(Factory.Create(Time), Klaviyo, EngineOptions(o => o.WorkerName = "other")));
        release.SetResult();
        var result = await longRun;

        Assert.Multiple(() =>
        {
            Assert.That(other.Outcome, Is.EqualTo(ListSyncRunOutcome.AlreadyRunning));
            Assert.That(other.LeaseHolder!.ExpiresAt, Is.EqualTo(Time.GetUtcNow().AddSeconds(30)), "renewed at the last beat");
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
            Assert.That(Klaviyo.Calls, Is.Empty, "the other worker sent nothing");
        });
    }

    [Test]
    public void Lease_renewal_options_are_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => EngineOptions(o => o.LeaseRenewalInterval = TimeSpan.FromMinutes(10)).Validate(), Throws.TypeOf<ArgumentOutOfRangeException>(), "not less than the lease");
            Assert.That(() => EngineOptions(o => o.LeaseRenewalInterval = TimeSpan.FromMilliseconds(10)).Validate(), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => EngineOptions(o => o.LeaseRenewalInterval = Timeout.InfiniteTimeSpan).Validate(), Throws.Nothing);
            Assert.That(new ListSyncOptions().LeaseDuration, Is.EqualTo(TimeSpan.FromMinutes(1)));
        });
    }

    /// <summary>The id of a process of this machine that has exited.</summary>
    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.Id;
    }

    /// <summary>Calls back with each log entry's event id (to wait for a heartbeat without sleeping).</summary>
    private sealed class CallbackLogger(Action<int> onLog) : ILogger<KlaviyoListSync>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => onLog(eventId.Id);
    }

    [Test]
    public async Task A_connector_deactivated_during_a_run_stays_inactive()
    {
        await RegisterActiveAsync();
        Klaviyo.BeforeCall = async call =>
        {
            if (call.Operation == "add")
            {
                await Sync.DeactivateAsync(Segment, List);
            }
        };

        var result = await SyncAsync(Members.Emails(1));

        Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Inactive));
    }

    [Test]
    public async Task Sync_segment_runs_every_connector_of_the_segment()
    {
        var second = new FakeKlaviyoList("GhIjKl");
        var engine = new KlaviyoListSync(Store, new ListSyncTargetProvider(new Dictionary<string, IKlaviyoListSyncTarget> { [Credential] = Klaviyo, ["second"] = second }), timeProvider: Time);
        await engine.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = Credential, InitialStatus = ListSyncConnectorStatus.Active });
        await engine.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = "GhIjKl", CredentialName = "second", InitialStatus = ListSyncConnectorStatus.Active });
        await engine.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = "MnOpQr", CredentialName = "second" });
        int reads = 0;

        var results = await engine.SyncSegmentAsync(Segment, () =>
        {
            reads++;
            return Members.Stream(Members.Emails(1, 2));
        });

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => (r.ListId, r.Outcome)), Is.EqualTo(new[]
            {
                (List, ListSyncRunOutcome.Completed),
                ("GhIjKl", ListSyncRunOutcome.Completed),
                ("MnOpQr", ListSyncRunOutcome.Skipped),
            }));
            Assert.That(reads, Is.EqualTo(2));
            Assert.That(second.Identities("GhIjKl"), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Deleting_a_connector_forgets_its_state()
    {
        await RegisterActiveAsync();
        await SyncAsync(Members.Emails(1));

        Assert.That(await Sync.DeleteConnectorAsync(Segment, List), Is.True);
        Assert.That(await Sync.GetConnectorAsync(Segment, List), Is.Null);
    }

    private sealed class BrokenTarget : IKlaviyoListSyncTarget
    {
        public Task ValidateAsync(string listId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<ListSyncMemberOutcome>> AddOrUpdateMembersAsync(string listId, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ListSyncMemberOutcome>>([ListSyncMemberOutcome.Accepted(members[0].UserId)]);

        public Task<IReadOnlyList<ListSyncMemberOutcome>> RemoveMembersAsync(string listId, IReadOnlyList<ListSyncRemoval> members, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ListSyncMemberOutcome>>([]);
    }
}
