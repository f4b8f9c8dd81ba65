using Npgsql;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the PostgreSQL store tests use: <c>KLAVIYO_SYNC_TEST_POSTGRES</c> when set, otherwise the
/// default below when a server answers there (<c>.ci/setup-postgres.sh</c> starts one); otherwise the tests are ignored.
/// </summary>
internal static class PostgresTestDatabase
{
    public const string EnvironmentVariable = "KLAVIYO_SYNC_TEST_POSTGRES";

    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=klaviyo_sync_test";

    private static readonly Lazy<(string? ConnectionString, string? Reason)> Probe = new(ProbeDefault);
    private static readonly object Gate = new();
    private static NpgsqlDataSource? _shared;

    /// <summary>One pooled data source for the whole run (a new pool per test would pay for new server connections).</summary>
    public static NpgsqlDataSource DataSourceOrIgnore()
    {
        string connectionString = ConnectionStringOrIgnore();
        lock (Gate)
        {
            return _shared ??= NpgsqlDataSource.Create(connectionString);
        }
    }

    /// <summary>Returns the connection string, or ignores the calling test with a message saying how to enable it.</summary>
    public static string ConnectionStringOrIgnore()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured; // Explicitly configured: a failure to connect is a test failure, not a skip.
        }

        var (connectionString, reason) = Probe.Value;
        if (connectionString is null)
        {
            string message = SkipReason(reason);
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message + " CI starts one before the tests, so here it is a failure.");
            }

            Interlocked.Increment(ref _skipped);
            _lastSkipReason = message;
            Assert.Ignore(message);
        }

        return connectionString!;
    }

    private static int _skipped;
    private static string? _lastSkipReason;

    /// <summary>How many tests were skipped for want of a server, and why (for the run's closing line).</summary>
    public static (int Count, string? Reason) Skipped => (Volatile.Read(ref _skipped), _lastSkipReason);

    private static string SkipReason(string? reason) =>
        $"no PostgreSQL at 127.0.0.1:5432 ({reason}); .ci/setup-postgres.sh starts one, or set {EnvironmentVariable} to a connection string.";

    private static (string?, string?) ProbeDefault()
    {
        var builder = new NpgsqlConnectionStringBuilder(DefaultConnectionString) { Timeout = 5, Pooling = false };
        string? reason = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                using var ping = new NpgsqlCommand("SELECT 1", connection);
                ping.ExecuteScalar();
                return (DefaultConnectionString, null);
            }
            catch (Exception ex)
            {
                reason = ex.GetType().Name + ": " + ex.Message;
                if (ex is NpgsqlException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } })
                {
                    break; // Nothing listens there: no point in retrying.
                }
            }
        }

        return (null, reason);
    }
}
