using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Sync.PostgreSql;
using Klaviyo.Actions.Sync.Sqlite;
using Npgsql;

namespace Klaviyo.Actions.Benchmarks.Sync;

/// <summary>
/// The list-sync delta of a 1,000,000-member segment against its 1,000,000-member snapshot with 1% churn
/// (10,000 leave, 10,000 join): stage, diff, apply (to a target that accepts everything), commit.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter *ListSyncDelta*</c>.
/// Benchmarks the SQLite store, or the PostgreSQL store instead when <c>KLAVIYO_SYNC_BENCH_POSTGRES</c> holds a
/// connection string (one store per process, so the printed peak working set, "list-sync peak working set", is that
/// store's; it includes building the 1,000,000-member baseline).
/// </summary>
[Config(typeof(InProcessMonitoring))]
[MemoryDiagnoser]
public class ListSyncDeltaBenchmark
{
    private const string Segment = "bench";
    private const string List = "BeNcH1";
    private string _folder = null!;
    private string _baseline = null!;
    private string _work = null!;
    private string _schema = null!;

    [Params(1_000_000)]
    public int Members { get; set; }

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "sqlite";

    public static IEnumerable<string> Stores() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KLAVIYO_SYNC_BENCH_POSTGRES")) ? ["sqlite"] : ["postgresql"];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "klaviyo-sync-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _baseline = Path.Combine(_folder, "baseline.db");
        _work = Path.Combine(_folder, "work.db");
        _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        if (Store == "sqlite")
        {
            RunSync(OpenSqlite(_baseline), churn: false);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    [IterationSetup]
    public void ResetToBaseline()
    {
        if (Store == "sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_work + suffix);
            }

            File.Copy(_baseline, _work);
        }
        else
        {
            // PostgreSQL: rebuild the baseline snapshot in a fresh schema (not measured).
            DropSchema();
            RunSync(OpenPostgres(), churn: false);
        }
    }

    [Benchmark]
    public ListSyncResult Delta()
    {
        var store = Store == "sqlite" ? OpenSqlite(_work) : OpenPostgres();
        var result = RunSync(store, churn: true);
        if (result.Added != Members / 100 || result.Removed != Members / 100)
        {
            throw new InvalidOperationException("Unexpected delta: " + result);
        }

        return result;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// list-sync peak working set ({Store}, {Members:N0} members): {process.PeakWorkingSet64 / (1024 * 1024):N0} MB");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Store == "postgresql")
        {
            DropSchema();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private IListSyncStateStore OpenSqlite(string path) => new SqliteListSyncStateStore(new SqliteListSyncStateStoreOptions { DatabasePath = path });

    private IListSyncStateStore OpenPostgres() => new PostgreSqlListSyncStateStore(new PostgreSqlListSyncStateStoreOptions
    {
        ConnectionString = Environment.GetEnvironmentVariable("KLAVIYO_SYNC_BENCH_POSTGRES")!,
        Schema = _schema,
    });

    private void DropSchema()
    {
        using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("KLAVIYO_SYNC_BENCH_POSTGRES"));
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    private ListSyncResult RunSync(IListSyncStateStore store, bool churn)
    {
        var engine = new KlaviyoListSync(store, new ListSyncTargetProvider("bench", new AcceptingTarget()));
        engine.RegisterConnectorAsync(new() { SegmentId = Segment, ListId = List, CredentialName = "bench", InitialStatus = ListSyncConnectorStatus.Active })
            .GetAwaiter().GetResult();
        var result = engine.SyncAsync(Segment, List, Generate(Members, churn ? Members / 100 : 0)).GetAwaiter().GetResult();
        (store as IDisposable)?.Dispose();
        return result;
    }

    /// <summary>
    /// Three measured runs in the benchmark process itself: each run takes seconds, so per-run overhead is noise, and an
    /// in-process job needs no generated project (whose build can outlast BenchmarkDotNet's timeout on a busy machine).
    /// </summary>
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() =>
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(3)
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
    }

    private static async IAsyncEnumerable<SegmentMember> Generate(int count, int shift)
    {
        for (int n = shift; n < shift + count; n++)
        {
            if (n % 50_000 == 0)
            {
                await Task.Yield();
            }

            yield return n % 5 == 0 ? new SegmentMember($"crm-{n:D8}") : new SegmentMember($"user{n:D8}@example.com");
        }
    }

    /// <summary>Accepts every member, as a Klaviyo that never fails.</summary>
    private sealed class AcceptingTarget : IKlaviyoListSyncTarget
    {
        public Task ValidateAsync(string listId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<ListSyncMemberOutcome>> AddOrUpdateMembersAsync(string listId, IReadOnlyList<SegmentMember> members, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ListSyncMemberOutcome>>([.. members.Select(m => ListSyncMemberOutcome.Accepted(m.UserId))]);

        public Task<IReadOnlyList<ListSyncMemberOutcome>> RemoveMembersAsync(string listId, IReadOnlyList<ListSyncRemoval> members, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ListSyncMemberOutcome>>([.. members.Select(m => ListSyncMemberOutcome.Accepted(m.Member.UserId))]);
    }
}
