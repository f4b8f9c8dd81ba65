using Klaviyo.Actions.Sync.PostgreSql;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using Npgsql;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Stores;

/// <summary>The cursor store on PostgreSQL, in the run's test schema; ignored when no server answers (see <see cref="PostgresTestDatabase"/>).</summary>
[TestFixture]
public sealed class PostgreSqlKlaviyoToSegmentCursorStoreTests : KlaviyoToSegmentCursorStoreContract
{
    private bool _connected;

    /// <summary>The run's shared pool (disposed by <see cref="PostgresSchemaCleanup"/>, not by this fixture).</summary>
    private static NpgsqlDataSource DataSource => PostgresTestDatabase.DataSourceOrIgnore();

    [SetUp]
    public void Connect()
    {
        PostgresSchemaCleanup.Used(DataSource);
        _connected = true;
    }

    [TearDown]
    public async Task Empty()
    {
        if (!_connected)
        {
            return;
        }

        await using var empty = DataSource.CreateCommand($"""
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = '{PostgreSqlStoreFactory.Schema}' AND tablename = 'segment_cursors') THEN
                DELETE FROM "{PostgreSqlStoreFactory.Schema}".segment_cursors;
              END IF;
            END $$;
            """);
        await empty.ExecuteNonQueryAsync();
    }

    protected override IKlaviyoToSegmentCursorStore CreateStore() =>
        new PostgreSqlKlaviyoToSegmentCursorStore(DataSource, PostgreSqlStoreFactory.Schema, Time);

    [TestCase("Klaviyo")]
    [TestCase("x; DROP TABLE y")]
    [TestCase("")]
    public void Schema_names_must_be_plain_identifiers(string schema)
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlKlaviyoToSegmentCursorStore(new PostgreSqlListSyncStateStoreOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }));
    }

    [Test]
    public async Task The_table_sits_beside_the_list_sync_tables_in_the_schema()
    {
        await CreateStore().SetAsync("default", "profiles", KlaviyoToSegmentCursor.StartingAt(Time.GetUtcNow()), default);

        await using var tables = DataSource.CreateCommand($"SELECT count(*) FROM pg_tables WHERE schemaname = '{PostgreSqlStoreFactory.Schema}' AND tablename = 'segment_cursors';");
        Assert.That(await tables.ExecuteScalarAsync(), Is.EqualTo(1L));
    }
}
