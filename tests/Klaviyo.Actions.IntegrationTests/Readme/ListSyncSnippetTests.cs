using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>README "Audience → list sync": the container registration and one sync into an emulator list.</summary>
public class ListSyncSnippetTests
{
    [Test]
    public async Task The_list_sync_block_puts_the_segment_into_the_list()
    {
        var emulatorOptions = new KlaviyoEmulatorOptions { ImportJobQueuedTime = TimeSpan.FromMilliseconds(20), ImportJobProcessingTime = TimeSpan.FromMilliseconds(20) };
        await using var emulator = await KlaviyoEmulator.StartAsync(emulatorOptions);
        var vip = emulator.CreateList("VIP");
        using var folder = new WorkingDirectory();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Klaviyo:ApiKey"] = emulator.ApiKey, ["Klaviyo:VipListId"] = vip.Id });
        builder.Services.Configure<KlaviyoClientOptions>("main", o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.Batching.JobPollInterval = TimeSpan.FromMilliseconds(50);
        });

        // README:begin Audience → list sync
        builder.Services.AddKlaviyoActions("main", o => o.ApiKey = builder.Configuration["Klaviyo:ApiKey"]);
        builder.Services.AddKlaviyoListSync()                                   // credential names = registration names
            .AddKlaviyoListSyncSqliteStore("state/list-sync.db");               // or AddKlaviyoListSyncPostgreSqlStore(connectionString)
        await using var app = builder.Build(); // README: var app = builder.Build();

        string listId = app.Configuration["Klaviyo:VipListId"]!;                // your Klaviyo list's id
        var sync = app.Services.GetRequiredService<KlaviyoListSync>();
        await sync.RegisterConnectorAsync(new() { SegmentId = "vip", ListId = listId, CredentialName = "main" });
        await sync.ActivateAsync("vip", listId);
        ListSyncResult result = await sync.SyncAsync("vip", listId, ReadMembersAsync());   // your segment: IAsyncEnumerable<SegmentMember>
        // README:end

        Assert.Multiple(() =>
        {
            Assert.That((result.Outcome, result.Members, result.Added), Is.EqualTo((ListSyncRunOutcome.Completed, 2L, 2L)), result.LastError);
            Assert.That(emulator.GetListMembers(vip.Id).Select(id => emulator.GetProfile(id)?.Email), Is.EquivalentTo(new[] { "ada@example.org", "bo@example.org" }));
            Assert.That(File.Exists(Path.Combine(folder.Path, "state", "list-sync.db")), Is.True, "the state file at the README's relative path");
        });

        static async IAsyncEnumerable<SegmentMember> ReadMembersAsync()
        {
            await Task.Yield();
            yield return new SegmentMember("ada@example.org");
            yield return new SegmentMember("crm-2", email: "bo@example.org");
        }
    }
}
