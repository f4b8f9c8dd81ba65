using Npgsql;
using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests;

/// <summary>Drops the test run's PostgreSQL schema once every test has run.</summary>
[SetUpFixture]
public sealed class PostgresSchemaCleanup
{
    private static NpgsqlDataSource? _dataSource;

    public static void Used(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        if (_dataSource is null)
        {
            return;
        }

        await using (var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{PostgreSqlStoreFactory.Schema}\" CASCADE;"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
