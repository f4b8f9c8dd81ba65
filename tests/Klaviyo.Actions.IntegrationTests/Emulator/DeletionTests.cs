using System.Net;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary><c>POST /api/data-privacy-deletion-jobs</c>: exactly one identifier; deletes the profile with its events and memberships.</summary>
public sealed class DeletionTests : EmulatorTestBase
{
    private const string Path = "api/data-privacy-deletion-jobs";

    [Test]
    public async Task Deleting_by_email_removes_the_profile_its_events_and_memberships()
    {
        string listId = await CreateListAsync("Members");
        string gone = await UpsertAsync("""{"email":"gone@shop.dev"}""");
        string kept = await UpsertAsync("""{"email":"kept@shop.dev"}""");
        using var add = await PostAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers([gone, kept]));
        using var e1 = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"gone@shop.dev"}""", "e1"));
        using var e2 = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"kept@shop.dev"}""", "e2"));

        using var response = await PostAsync(Path, """
            {"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{"type":"profile","attributes":{"email":"gone@shop.dev"}}}}}}
            """);
        await ExpectAsync(response, HttpStatusCode.Accepted);

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.GetProfile(gone), Is.Null);
            Assert.That(Emulator.GetProfile(kept), Is.Not.Null);
            Assert.That(Emulator.Events.Select(e => e.ProfileId), Is.EqualTo(new[] { kept }));
            Assert.That(Emulator.GetListMembers(listId), Is.EqualTo(new[] { kept }));
            Assert.That(Emulator.DeletionRequests.Single().DeletedProfileIds, Is.EqualTo(new[] { gone }));
        });

        using var reuse = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"gone@shop.dev"}""", "e1"));
        Assert.That(Emulator.Events, Has.Count.EqualTo(2), "the deleted profile's de-duplication keys went with it");
    }

    [Test]
    public async Task Deleting_by_id_and_by_an_unknown_identifier_are_both_202()
    {
        string id = await UpsertAsync("""{"phone_number":"+15005550006"}""");
        using var byId = await PostAsync(Path, """{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{"type":"profile","id":"@@"}}}}}""".Replace("@@", id, StringComparison.Ordinal));
        using var unknown = await PostAsync(Path, """{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{"type":"profile","id":"segment-user-1"}}}}}""");
        await ExpectAsync(byId, HttpStatusCode.Accepted);
        await ExpectAsync(unknown, HttpStatusCode.Accepted);
        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Profiles, Is.Empty);
            Assert.That(Emulator.DeletionRequests[1].DeletedProfileIds, Is.Empty);
        });
    }

    [TestCase("""{"type":"profile","id":"01A","attributes":{"email":"a@shop.dev"}}""")]
    [TestCase("""{"type":"profile","attributes":{"email":"a@shop.dev","phone_number":"+15005550006"}}""")]
    [TestCase("""{"type":"profile","attributes":{}}""")]
    public async Task Anything_but_exactly_one_identifier_is_400(string profile)
    {
        using var response = await PostAsync(Path,
            """{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":@@}}}}""".Replace("@@", profile, StringComparison.Ordinal));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(PointerOf(error), Is.EqualTo("/data/attributes/profile/data"));
    }
}
