using System.Net;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.Sqlite;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Sync;

/// <summary>The sync engine over the real target and a MockHttp Klaviyo: what a key or list problem leaves in the connector.</summary>
public sealed class ListSyncOverTargetTests
{
    private const string ListId = "Y6nRLr";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), $"klaviyo-sync-target-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestCase(HttpStatusCode.Unauthorized, "invalid or was revoked")]
    [TestCase(HttpStatusCode.Forbidden, "lacks a permission")]
    [TestCase(HttpStatusCode.NotFound, "was not found")]
    public async Task A_refused_key_or_unknown_list_moves_the_connector_to_error_without_reading_or_importing(HttpStatusCode status, string expected)
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Get, "/api/lists/" + ListId, (_, _) => BulkWireMock.Json(status, $$"""{"errors":[{"id":"e1","status":{{(int)status}},"code":"c{{(int)status}}","title":"t","detail":"jane@example.com"}]}"""));
        var sync = await CreateSyncAsync(mock);
        bool read = false;

        var result = await sync.SyncAsync("vip", ListId, Members(() => read = true, new SegmentMember("ann@shop.test")));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Failed));
            Assert.That(result.Status, Is.EqualTo(ListSyncConnectorStatus.Error));
            Assert.That(result.LastError, Does.Contain(expected).And.Not.Contain(KlaviyoApiMock.ApiKey).And.Not.Contain("jane@"));
            Assert.That(read, Is.False, "membership not read");
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.ImportPath), Is.Empty);
        });
    }

    [Test]
    public async Task A_429_on_the_import_interrupts_the_run_and_the_next_run_adds_everyone()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Get, "/api/lists/" + ListId, (_, _) => BulkWireMock.Json(HttpStatusCode.OK, """{"data":{"type":"list","id":"Y6nRLr","attributes":{"name":"VIP"}}}"""));
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, n) => n == 1
            ? BulkWireMock.Json(HttpStatusCode.TooManyRequests, """{"errors":[{"id":"e1","status":429,"code":"throttled","title":"Request was throttled."}]}""")
            : BulkWireMock.Json(HttpStatusCode.Accepted, BulkWireMock.ImportJob("JOB" + n, "queued")));
        var sync = await CreateSyncAsync(mock, trackJobs: false);

        var first = await sync.SyncAsync("vip", ListId, Members(null, new SegmentMember("ann@shop.test"), new SegmentMember("bo@shop.test")));
        var second = await sync.SyncAsync("vip", ListId, Members(null, new SegmentMember("ann@shop.test"), new SegmentMember("bo@shop.test")));

        Assert.Multiple(() =>
        {
            Assert.That((first.Outcome, first.Added, first.Status), Is.EqualTo((ListSyncRunOutcome.Interrupted, 0L, ListSyncConnectorStatus.Active)));
            Assert.That(first.LastError, Does.Contain("429"));
            Assert.That((second.Outcome, second.Added, second.LastError), Is.EqualTo((ListSyncRunOutcome.Completed, 2L, (string?)null)));
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.ImportPath), Has.Count.EqualTo(2));
        });
    }

    private async Task<KlaviyoListSync> CreateSyncAsync(BulkWireMock mock, bool trackJobs = true)
    {
        var store = new SqliteListSyncStateStore(new() { DatabasePath = Path.Combine(_folder, "state.db") }, mock.Clock);
        var target = new KlaviyoListSyncTarget(mock.CreateClient(), new KlaviyoListSyncTargetOptions { TrackImportJobs = trackJobs });
        var sync = new KlaviyoListSync(store, new ListSyncTargetProvider("main", target), timeProvider: mock.Clock);
        await sync.RegisterConnectorAsync(new() { SegmentId = "vip", ListId = ListId, CredentialName = "main", InitialStatus = ListSyncConnectorStatus.Active });
        return sync;
    }

    private static async IAsyncEnumerable<SegmentMember> Members(Action? onRead, params SegmentMember[] members)
    {
        onRead?.Invoke();
        foreach (var member in members)
        {
            await Task.Yield();
            yield return member;
        }
    }
}
