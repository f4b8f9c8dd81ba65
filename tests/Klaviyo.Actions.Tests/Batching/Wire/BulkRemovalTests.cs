using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>List removals in bulk: one shared look-up over every result page, then the ids each identity matched.</summary>
public sealed class BulkRemovalTests
{
    [Test]
    public async Task Look_ups_follow_every_page_and_give_each_item_only_the_profiles_its_identifiers_matched()
    {
        var mock = new BulkWireMock();
        mock.Directory.PageSize = 2;
        mock.Directory.Add("01A", email: "ann@shop.test");
        mock.Directory.Add("01B", email: "bo@shop.test");
        mock.Directory.Add("01C", email: "cy@shop.test");
        mock.Directory.Add("01D", email: "di@shop.test", externalId: "ext-d");
        mock.Directory.Add("01E", phone: "+14155552671");
        mock.AcceptListRemovals("Y6nRLr");

        var result = await mock.CreateBulkClient().RemoveProfilesFromListAsync([
            new() { ListId = "Y6nRLr", Email = "Ann@Shop.test" },
            new() { ListId = "Y6nRLr", Email = "bo@shop.test", PhoneNumber = "+14155552671" },
            new() { ListId = "Y6nRLr", Email = "cy@shop.test" },
            new() { ListId = "Y6nRLr", ExternalId = "ext-d" },
            new() { ListId = "Y6nRLr", Email = "di@shop.test" },
            new() { ListId = "Y6nRLr", Email = "nobody@shop.test" },
        ]);

        var lookups = mock.To(HttpMethod.Get, "/api/profiles");
        var delete = mock.To(HttpMethod.Delete, BulkWireMock.ListPath("Y6nRLr")).Single();
        Assert.Multiple(() =>
        {
            // external ids (1 page), emails (5 values, 4 matches: 2 pages of 2), phones (1 page)
            Assert.That(lookups.Select(r => r.Query["page[cursor]"]), Is.EqualTo(new[] { null, null, "2", null }));
            Assert.That(result.Items.Select(i => i.Outcome.ProfileIds), Is.EqualTo(new[]
            {
                new[] { "01A" }, new[] { "01B", "01E" }, new[] { "01C" }, new[] { "01D" }, new[] { "01D" }, Array.Empty<string>(),
            }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[5].Outcome.Reason, Does.Contain("no Klaviyo profile matched"));
        });
        JsonAssert.AreEquivalent("""
            {"data":[{"type":"profile","id":"01A"},{"type":"profile","id":"01B"},{"type":"profile","id":"01E"},{"type":"profile","id":"01C"},{"type":"profile","id":"01D"}]}
            """, delete.Body!);
    }

    [Test]
    public async Task Profiles_returned_without_their_identifiers_are_attributed_by_asking_value_by_value()
    {
        var mock = new BulkWireMock();
        mock.Directory.OmitIdentifiers = true;
        mock.Directory.Add("01A", email: "ann@shop.test");
        mock.Directory.Add("01B", email: "bo@shop.test");
        mock.AcceptListRemovals("Y6nRLr");

        var result = await mock.CreateBulkClient().RemoveProfilesFromListAsync([
            new() { ListId = "Y6nRLr", Email = "ann@shop.test" },
            new() { ListId = "Y6nRLr", Email = "bo@shop.test" },
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Directory.Filters, Is.EqualTo(new[]
            {
                "any(email,[\"ann@shop.test\",\"bo@shop.test\"])", "any(email,[\"ann@shop.test\"])", "any(email,[\"bo@shop.test\"])",
            }));
            Assert.That(result.Items.Select(i => i.Outcome.ProfileIds), Is.EqualTo(new[] { new[] { "01A" }, new[] { "01B" } }));
        });
    }

    [Test]
    public async Task A_failed_look_up_fails_every_removal_and_deletes_nothing()
    {
        var mock = new BulkWireMock();
        mock.Directory.Override = _ => BulkWireMock.Json(System.Net.HttpStatusCode.ServiceUnavailable, """{"errors":[{"id":"e","status":503,"code":"error","title":"Service unavailable.","detail":"Try again later."}]}""");

        var result = await mock.CreateBulkClient().RemoveProfilesFromListAsync([new() { ListId = "Y6nRLr", Email = "ann@shop.test" }]);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(result.Items[0].Outcome.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
            Assert.That(mock.Requests.Where(r => r.Method == HttpMethod.Delete), Is.Empty);
        });
    }
}
