using Klaviyo.Actions.Sync.Sqlite;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

[TestFixture]
public sealed class SqliteListSyncStateStoreTests : ListSyncStateStoreContract
{
    protected override IStoreFactory CreateFactory() => new SqliteStoreFactory();

    [Test]
    public void Options_are_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = " " }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = "x.db", BusyTimeout = TimeSpan.FromSeconds(-1) }));
        });
    }

    [Test]
    public async Task The_database_file_and_its_folder_are_created_on_first_use()
    {
        await using var factory = new SqliteStoreFactory();
        var store = factory.Create(TimeProvider.System);
        Assert.That(File.Exists(factory.DatabasePath), Is.False);

        await store.InitializeAsync(default);

        Assert.That(File.Exists(factory.DatabasePath), Is.True);
    }
}
