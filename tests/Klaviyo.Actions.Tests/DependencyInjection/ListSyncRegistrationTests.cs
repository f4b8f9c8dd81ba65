using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Sync;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary><c>AddKlaviyoListSync()</c>: credential names resolve to named clients, the store is the app's choice.</summary>
public sealed class ListSyncRegistrationTests
{
    private const string ListId = "Y6nRLr";
    private static readonly string ListBody = """{"data":{"type":"list","id":"Y6nRLr","attributes":{"name":"VIP"}}}""";

    [Test]
    public async Task Credential_names_resolve_to_the_registrations_of_that_name_and_default_to_the_default_one()
    {
        using var h = new DiHarness();
        string europe = DiHarness.NewKey("eu"), main = DiHarness.NewKey("main");
        h.UseScripted(h.Services.AddKlaviyoActions("europe", o => o.ApiKey = europe));
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = main));
        h.Services.AddKlaviyoListSync();
        h.Klaviyo.ThenOk(ListBody);

        var targets = h.Provider.GetRequiredService<IKlaviyoListSyncTargetProvider>();
        await targets.GetTarget("europe").ValidateAsync(ListId, CancellationToken.None);
        await targets.GetTarget(KlaviyoListSyncServiceCollectionExtensions.DefaultCredentialName).ValidateAsync(ListId, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Requests.Select(r => (r.Method.Method, r.Uri.AbsolutePath, r.Authorization)), Is.EqualTo(new[]
            {
                ("GET", "/api/lists/" + ListId, "Klaviyo-API-Key " + europe),
                ("GET", "/api/lists/" + ListId, "Klaviyo-API-Key " + main),
            }));
            Assert.That(targets.GetTarget("europe"), Is.InstanceOf<KlaviyoListSyncTarget>());
            var missing = Assert.Throws<KeyNotFoundException>(() => targets.GetTarget("asia"));
            Assert.That(missing!.Message, Does.Contain("'asia'").And.Contain("AddKlaviyoActions"));
        });
    }

    [Test]
    public void Resolving_the_sync_without_a_store_says_how_to_register_one()
    {
        using var h = new DiHarness();
        h.Services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey());
        h.Services.AddKlaviyoListSync();

        var error = Assert.Throws<InvalidOperationException>(() => h.Provider.GetRequiredService<KlaviyoListSync>());

        Assert.That(error!.Message, Does.Contain("AddKlaviyoListSyncSqliteStore").And.Contain("IListSyncStateStore"));
    }

    [Test]
    public async Task The_store_extensions_register_their_store_with_the_apps_clock_and_a_store_registered_first_wins()
    {
        string path = Path.Combine(Path.GetTempPath(), $"klaviyo-sync-{Guid.NewGuid():N}.db");
        var sqlite = new ServiceCollection().AddSingleton<TimeProvider>(TimeProvider.System).AddKlaviyoListSyncSqliteStore(path);
        var postgres = new ServiceCollection().AddKlaviyoListSyncPostgreSqlStore("Host=127.0.0.1;Username=u;Password=p;Database=d", "sync_schema");
        var own = new Klaviyo.Actions.Sync.Sqlite.SqliteListSyncStateStore(new() { DatabasePath = path + ".mine" });
        var mine = new ServiceCollection().AddSingleton<IListSyncStateStore>(own).AddKlaviyoListSyncSqliteStore(path);

        await using var sqliteProvider = sqlite.BuildServiceProvider();
        await using var postgresProvider = postgres.BuildServiceProvider();
        await using var mineProvider = mine.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(sqliteProvider.GetRequiredService<IListSyncStateStore>(), Is.InstanceOf<Klaviyo.Actions.Sync.Sqlite.SqliteListSyncStateStore>());
            Assert.That(postgresProvider.GetRequiredService<IListSyncStateStore>(), Is.InstanceOf<Klaviyo.Actions.Sync.PostgreSql.PostgreSqlListSyncStateStore>());
            Assert.That(mineProvider.GetRequiredService<IListSyncStateStore>(), Is.SameAs(own));
            Assert.That(() => new ServiceCollection().AddKlaviyoListSyncSqliteStore(" "), Throws.ArgumentException);
        });
    }

    [Test]
    public void Out_of_range_options_name_the_option_when_the_sync_is_resolved()
    {
        using var h = new DiHarness();
        h.Services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey());
        h.Services.AddKlaviyoListSync(o => o.AddBatchSize = 20_000).AddKlaviyoListSyncSqliteStore(Path.Combine(Path.GetTempPath(), $"klaviyo-sync-{Guid.NewGuid():N}.db"));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => h.Provider.GetRequiredService<KlaviyoListSync>());

        Assert.That(error!.ParamName, Is.EqualTo(nameof(ListSyncOptions.AddBatchSize)));
    }

    [Test]
    public async Task A_run_through_the_container_imports_with_the_named_client_into_the_sqlite_store_with_per_credential_target_options()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"klaviyo-sync-di-{Guid.NewGuid():N}");
        try
        {
            using var h = new DiHarness();
            string europe = DiHarness.NewKey("eu");
            h.UseScripted(h.Services.AddKlaviyoActions("europe", o => o.ApiKey = europe));
            h.Services.AddKlaviyoListSync(o => o.WorkerName = "di-test")
                .AddKlaviyoListSyncSqliteStore(Path.Combine(folder, "state.db"))
                .Configure<KlaviyoListSyncTargetOptions>("europe", o => o.TrackImportJobs = false);
            h.Klaviyo.ThenOk(ListBody)
                .Then(HttpStatusCode.Accepted, """{"data":{"type":"profile-bulk-import-job","id":"JOB1","attributes":{"status":"queued"}}}""");

            var sync = h.Provider.GetRequiredService<KlaviyoListSync>();
            await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = "vip", ListId = ListId, CredentialName = "europe" });
            await sync.ActivateAsync("vip", ListId);
            var result = await sync.SyncAsync("vip", ListId, Members(new SegmentMember("ann@shop.test"), new SegmentMember("crm-2")));

            var import = h.Klaviyo.Requests.Single(r => r.Method == HttpMethod.Post);
            using var body = JsonDocument.Parse(import.Body!);
            Assert.Multiple(() =>
            {
                Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed));
                Assert.That(result.Added, Is.EqualTo(2));
                Assert.That(result.NotPersonalisable, Is.EqualTo(1));
                Assert.That(import.Uri.AbsolutePath, Is.EqualTo("/api/profile-bulk-import-jobs"));
                Assert.That(import.Authorization, Is.EqualTo("Klaviyo-API-Key " + europe));
                Assert.That(body.RootElement.GetProperty("data").GetProperty("relationships").GetProperty("lists").GetProperty("data")[0].GetProperty("id").GetString(), Is.EqualTo(ListId));
                Assert.That(h.Klaviyo.Requests.Select(r => r.Method.Method), Is.EqualTo(new[] { "GET", "POST" }), "import jobs not followed for this credential");
                Assert.That(File.Exists(Path.Combine(folder, "state.db")), Is.True);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async IAsyncEnumerable<SegmentMember> Members(params SegmentMember[] members)
    {
        foreach (var member in members)
        {
            await Task.Yield();
            yield return member;
        }
    }
}
