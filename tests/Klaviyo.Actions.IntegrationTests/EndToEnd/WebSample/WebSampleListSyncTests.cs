using System.Net;
using System.Text;
using Klaviyo.Actions.Sync;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>
/// The web sample with list sync configured (<c>ListSync:StatePath</c>): identify calls feed the identity links, so a
/// later list sync of a member known only by a non-email user id gives its profile the email.
/// </summary>
public class WebSampleListSyncTests
{
    [Test]
    public async Task An_identify_call_links_the_email_and_the_next_list_sync_makes_the_member_personalisable()
    {
        string state = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"web-list-sync-{Guid.NewGuid():N}.db");
        try
        {
            await using var factory = new WebSampleFactory(new Dictionary<string, string> { ["ListSync:StatePath"] = state });
            using var client = factory.CreateClient(WebSampleFactory.WriteKey);

            using var response = await client.PostAsync("/v1/batch", new StringContent("""
                {"batch":[
                  {"type":"identify","userId":"crm-50","messageId":"i-50","traits":{"email":"fifty@shop-demo.test"}},
                  {"type":"track","event":"context_identified","userId":"crm-51","messageId":"c-51","properties":{"email":"fifty-one@shop-demo.test"}},
                  {"type":"identify","userId":"crm-52","messageId":"i-52","traits":{"name":"No Email"}}
                ]}
                """, Encoding.UTF8, "application/json"));
            await factory.WaitForIdleAsync();

            var sync = factory.Services.GetRequiredService<KlaviyoListSync>();
            var list = factory.Emulator.CreateList("Web VIP");
            await sync.RegisterConnectorAsync(new ListSyncConnectorRegistration { SegmentId = "vip", ListId = list.Id, CredentialName = "default", InitialStatus = ListSyncConnectorStatus.Active });
            var result = await sync.SyncAsync("vip", list.Id, Members(["crm-50", "crm-51", "crm-52"]));

            var listed = factory.Emulator.GetListMembers(list.Id).Select(id => factory.Emulator.GetProfile(id)!).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(result.Outcome, Is.EqualTo(ListSyncRunOutcome.Completed), result.LastError);
                Assert.That(result.NotPersonalisableSample, Is.EqualTo(new[] { "crm-52" }), "only the member without an identify email");
                Assert.That(listed.Select(p => (p.ExternalId, p.Email)), Is.EquivalentTo(new[]
                {
                    ((string?)"crm-50", (string?)"fifty@shop-demo.test"),
                    ("crm-51", "fifty-one@shop-demo.test"),
                    ("crm-52", null),
                }));
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in new[] { state, state + "-wal", state + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

#pragma warning disable CS1998 // A fixed membership as a stream.
    private static async IAsyncEnumerable<SegmentMember> Members(string[] userIds)
    {
        foreach (string userId in userIds)
        {
            yield return new SegmentMember(userId);
        }
    }
#pragma warning restore CS1998
}
