using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Sync.Sqlite;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

[TestFixture]
public sealed class SqliteKlaviyoToSegmentCursorStoreTests : KlaviyoToSegmentCursorStoreContract
{
    private SqliteStoreFactory _files = null!;

    [SetUp]
    public void NewFile() => _files = new SqliteStoreFactory();

    [TearDown]
    public async Task DeleteFile() => await _files.DisposeAsync();

    protected override IKlaviyoToSegmentCursorStore CreateStore() =>
        new SqliteKlaviyoToSegmentCursorStore(new SqliteListSyncStateStoreOptions { DatabasePath = _files.DatabasePath }, Time);

    [Test]
    public async Task The_cursor_shares_a_file_with_the_list_sync_state()
    {
        var listSync = _files.Create(Time);
        await listSync.InitializeAsync(default);
        await listSync.CreateOrUpdateConnectorAsync(new ListSyncConnectorRegistration { SegmentId = "seg-1", ListId = "AbCdEf", CredentialName = "main" }, default);

        await CreateStore().SetAsync("default", "profiles", KlaviyoToSegmentCursor.StartingAt(Time.GetUtcNow()), default);

        Assert.Multiple(async () =>
        {
            Assert.That((await CreateStore().GetAsync("default", "profiles", default))!.Position, Is.EqualTo(Time.GetUtcNow()));
            Assert.That(await _files.Create(Time).GetConnectorAsync("seg-1", "AbCdEf", default), Is.Not.Null, "the list-sync tables are untouched");
        });
    }

    [Test]
    public void Options_are_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => new SqliteKlaviyoToSegmentCursorStore(new SqliteListSyncStateStoreOptions { DatabasePath = " " }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteKlaviyoToSegmentCursorStore(new SqliteListSyncStateStoreOptions { DatabasePath = "x.db", BusyTimeout = TimeSpan.FromSeconds(-1) }));
        });
    }

    [Test]
    public void Seen_keys_with_line_breaks_are_refused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => CreateStore().SetAsync("default", "profiles", new KlaviyoToSegmentCursor(Time.GetUtcNow(), ["1:a\n2:b"]), default));
    }
}
