using Klaviyo.Actions.Sync.PostgreSql;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

[TestFixture]
public sealed class PostgreSqlListSyncStateStoreTests : ListSyncStateStoreContract
{
    protected override IStoreFactory CreateFactory() => new PostgreSqlStoreFactory();

    [TestCase("Klaviyo")]
    [TestCase("1abc")]
    [TestCase("x; DROP TABLE y")]
    [TestCase("")]
    public void Schema_names_must_be_plain_identifiers(string schema)
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlListSyncStateStore(new PostgreSqlListSyncStateStoreOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }));
    }

    [Test]
    public void A_connection_string_is_required()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlListSyncStateStore(new PostgreSqlListSyncStateStoreOptions { ConnectionString = "" }));
    }
}
