using Klaviyo.Actions.Sync.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Engine;

public sealed class ListSyncValidationTests
{
    [TestCase("AbCdEf", true)]
    [TestCase("Xy9Z01", true)]
    [TestCase("abcdef", true)]
    [TestCase("AbCdE", false)]
    [TestCase("AbCdEfG", false)]
    [TestCase("AbC-Ef", false)]
    [TestCase("AbC Ef", false)]
    [TestCase("ÄbCdEf", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void List_ids_are_six_ascii_letters_or_digits(string? listId, bool valid) =>
        Assert.That(ListSyncValidation.IsValidListId(listId), Is.EqualTo(valid));

    [Test]
    public void A_registration_reports_every_bad_field()
    {
        var ex = Assert.Throws<KlaviyoValidationException>(() => ListSyncValidation.ThrowIfInvalid(new ListSyncConnectorRegistration
        {
            SegmentId = " ",
            ListId = "abc",
            CredentialName = "",
        }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Action, Is.EqualTo("listSync"));
            Assert.That(ex.Errors.Select(e => (e.Field, e.Rule)), Is.EquivalentTo(new[]
            {
                ("segment_id", "required"),
                ("list_id", "list_id_format"),
                ("credential_name", "required"),
            }));
            Assert.That(ex.Message, Does.Contain("6 letters or digits and case-sensitive"));
        });
    }

    [Test]
    public void An_api_key_given_as_the_credential_name_is_refused_without_echoing_it()
    {
        const string key = "pk_live_0123456789abcdef0123456789abcdef";

        var ex = Assert.Throws<KlaviyoValidationException>(() => ListSyncValidation.ThrowIfInvalid(new ListSyncConnectorRegistration
        {
            SegmentId = "seg",
            ListId = "AbCdEf",
            CredentialName = key,
        }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Single().Rule, Is.EqualTo("credential_is_key"));
            Assert.That(ex.Message, Does.Not.Contain(key).And.Not.Contain("0123456789"));
        });
    }

    [Test]
    public void A_connector_cannot_start_in_error()
    {
        var ex = Assert.Throws<KlaviyoValidationException>(() => ListSyncValidation.ThrowIfInvalid(new ListSyncConnectorRegistration
        {
            SegmentId = "seg",
            ListId = "AbCdEf",
            CredentialName = "main",
            InitialStatus = ListSyncConnectorStatus.Error,
        }));

        Assert.That(ex!.Errors.Single().Field, Is.EqualTo("initial_status"));
    }

    [Test]
    public async Task The_engine_validates_ids_before_touching_the_store()
    {
        await using var factory = new SqliteStoreFactory();
        var engine = new KlaviyoListSync(factory.Create(TimeProvider.System), new ListSyncTargetProvider("main", new FakeKlaviyoList()));

        var sync = Assert.ThrowsAsync<KlaviyoValidationException>(() => engine.SyncAsync("seg", "abcdefg", Members.Stream(Members.Emails(1))));
        var register = Assert.ThrowsAsync<KlaviyoValidationException>(() => engine.RegisterConnectorAsync(new() { SegmentId = "seg", ListId = "AB", CredentialName = "main" }));

        Assert.Multiple(() =>
        {
            Assert.That(sync!.Errors.Single().Field, Is.EqualTo("list_id"));
            Assert.That(register!.Errors.Single().Rule, Is.EqualTo("list_id_format"));
            Assert.That(File.Exists(factory.DatabasePath), Is.False, "nothing was stored");
        });
    }

    [Test]
    public async Task A_list_fed_by_one_segment_cannot_be_fed_by_another()
    {
        await using var factory = new SqliteStoreFactory();
        var engine = new KlaviyoListSync(factory.Create(TimeProvider.System), new ListSyncTargetProvider("main", new FakeKlaviyoList()));
        await engine.RegisterConnectorAsync(new() { SegmentId = "seg-a", ListId = "AbCdEf", CredentialName = "main" });

        var again = await engine.RegisterConnectorAsync(new() { SegmentId = "seg-a", ListId = "AbCdEf", CredentialName = "rotated" });
        var ex = Assert.ThrowsAsync<KlaviyoValidationException>(() => engine.RegisterConnectorAsync(new() { SegmentId = "seg-b", ListId = "AbCdEf", CredentialName = "main" }));
        var otherCase = await engine.RegisterConnectorAsync(new() { SegmentId = "seg-b", ListId = "abcdef", CredentialName = "main" });

        Assert.Multiple(() =>
        {
            Assert.That(again.CredentialName, Is.EqualTo("rotated"));
            Assert.That(ex!.Errors.Single().Rule, Is.EqualTo("list_already_synced"));
            Assert.That(ex.Message, Does.Contain("seg-a"));
            Assert.That(otherCase.ListId, Is.EqualTo("abcdef"), "list ids are case-sensitive: abcdef is another list");
        });
    }

    [Test]
    public async Task Activating_an_unknown_connector_throws()
    {
        await using var factory = new SqliteStoreFactory();
        var engine = new KlaviyoListSync(factory.Create(TimeProvider.System), new ListSyncTargetProvider("main", new FakeKlaviyoList()));

        Assert.ThrowsAsync<ListSyncConnectorNotFoundException>(() => engine.ActivateAsync("seg", "AbCdEf"));
    }

    [TestCase(0, 10, 10)]
    [TestCase(5, 0, 10)]
    [TestCase(5, 10_001, 10)]
    [TestCase(5, 10, 1_001)]
    public void Options_are_range_checked(int staging, int add, int remove)
    {
        var options = new ListSyncOptions { StagingBatchSize = staging == 0 ? 0 : staging, AddBatchSize = add, RemoveBatchSize = remove };
        Assert.Throws<ArgumentOutOfRangeException>(() => new KlaviyoListSync(new NeverStore(), new ListSyncTargetProvider("main", new FakeKlaviyoList()), options));
    }

    [Test]
    public void A_short_lease_is_refused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ListSyncOptions { LeaseDuration = TimeSpan.FromSeconds(5) }.Validate());
        Assert.That(ex!.ParamName, Is.EqualTo("LeaseDuration"));
    }

    [Test]
    public void Options_are_copied_when_the_engine_is_built()
    {
        var options = new ListSyncOptions();
        var engine = new KlaviyoListSync(new NeverStore(), new ListSyncTargetProvider("main", new FakeKlaviyoList()), options, new FakeTimeProvider());
        options.AddBatchSize = 0; // would be invalid; the engine holds its own copy

        Assert.That(engine, Is.Not.Null);
    }

    [Test]
    public void An_unknown_credential_name_is_a_key_not_found()
    {
        var provider = new ListSyncTargetProvider("main", new FakeKlaviyoList());

        var ex = Assert.Throws<KeyNotFoundException>(() => provider.GetTarget("other"));
        Assert.That(ex!.Message, Does.Contain("'other'"));
    }

    /// <summary>A store that must not be reached.</summary>
    private sealed class NeverStore : IListSyncStateStore
    {
        private static T Fail<T>() => throw new AssertionException("the store must not be used");

        public Task InitializeAsync(CancellationToken cancellationToken) => Fail<Task>();

        public Task<ListSyncConnector> CreateOrUpdateConnectorAsync(ListSyncConnectorRegistration registration, CancellationToken cancellationToken) => Fail<Task<ListSyncConnector>>();

        public Task<ListSyncConnector?> GetConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken) => Fail<Task<ListSyncConnector?>>();

        public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsAsync(string segmentId, CancellationToken cancellationToken) => Fail<Task<IReadOnlyList<ListSyncConnector>>>();

        public Task<IReadOnlyList<ListSyncConnector>> GetConnectorsForListAsync(string listId, CancellationToken cancellationToken) => Fail<Task<IReadOnlyList<ListSyncConnector>>>();

        public Task<ListSyncConnector?> SetStatusAsync(string segmentId, string listId, ListSyncConnectorStatus status, CancellationToken cancellationToken) => Fail<Task<ListSyncConnector?>>();

        public Task<bool> DeleteConnectorAsync(string segmentId, string listId, CancellationToken cancellationToken) => Fail<Task<bool>>();

        public Task<ListSyncLease?> TryAcquireLeaseAsync(string segmentId, string listId, string owner, TimeSpan duration, CancellationToken cancellationToken) => Fail<Task<ListSyncLease?>>();

        public Task<ListSyncLease?> TryTakeOverLeaseAsync(string segmentId, string listId, string currentOwner, string owner, TimeSpan duration, CancellationToken cancellationToken) => Fail<Task<ListSyncLease?>>();

        public Task<DateTimeOffset> RenewLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken) => Fail<Task<DateTimeOffset>>();

        public Task ReleaseLeaseAsync(ListSyncLease lease, CancellationToken cancellationToken) => Fail<Task>();

        public Task ClearStagingAsync(ListSyncLease lease, CancellationToken cancellationToken) => Fail<Task>();

        public Task StageMembersAsync(ListSyncLease lease, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken) => Fail<Task>();

        public Task<ListSyncStagingSummary> CompleteStagingAsync(ListSyncLease lease, CancellationToken cancellationToken) => Fail<Task<ListSyncStagingSummary>>();

        public Task<IReadOnlyList<ListSyncPendingUpsert>> ReadPendingUpsertsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken) => Fail<Task<IReadOnlyList<ListSyncPendingUpsert>>>();

        public Task<IReadOnlyList<ListSyncPendingRemoval>> ReadPendingRemovalsAsync(ListSyncLease lease, string? afterUserId, int limit, CancellationToken cancellationToken) => Fail<Task<IReadOnlyList<ListSyncPendingRemoval>>>();

        public Task CommitUpsertsAsync(ListSyncLease lease, IReadOnlyList<ListSyncSnapshotEntry> entries, CancellationToken cancellationToken) => Fail<Task>();

        public Task CommitRemovalsAsync(ListSyncLease lease, IReadOnlyList<string> userIds, CancellationToken cancellationToken) => Fail<Task>();

        public Task<ListSyncConnector> CompleteRunAsync(ListSyncLease lease, ListSyncRunCompletion completion, CancellationToken cancellationToken) => Fail<Task<ListSyncConnector>>();

        public Task<IReadOnlyList<ListSyncSnapshotEntry>> ReadSnapshotAsync(string segmentId, string listId, string? afterUserId, int limit, CancellationToken cancellationToken) => Fail<Task<IReadOnlyList<ListSyncSnapshotEntry>>>();

        public Task LinkIdentityAsync(string? segmentId, string userId, string email, CancellationToken cancellationToken) => Fail<Task>();

        public Task<IReadOnlyDictionary<string, string>> GetLinkedEmailsAsync(string segmentId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) => Fail<Task<IReadOnlyDictionary<string, string>>>();
    }
}
