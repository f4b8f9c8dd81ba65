using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>The exact bodies each bulk endpoint receives through a real client, compared as parsed JSON.</summary>
public sealed class BulkRequestBodyTests
{
    private static readonly DateTimeOffset EventTime = new(2026, 10, 31, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public async Task Profiles_go_to_one_import_job_per_list_with_the_list_relationship()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        UpsertProfileRequest ann = new() { Email = "ann@shop.test", FirstName = "Ann", Properties = new Dictionary<string, object?> { ["plan"] = "pro" } };
        AddProfileToListRequest lee = new() { ListId = "VRgFBd", PhoneNumber = "(415) 555-2671", CountryCode = "US", LastName = "Lee" };
        UpsertProfileRequest u3 = new() { ExternalId = "u-3", ListId = "VRgFBd", Location = new ProfileLocation { City = "Oslo" } };
        UpsertProfileRequest bo = new() { Email = "bo@shop.test", LastName = null };

        var result = await mock.CreateBulkClient().SendAsync([ann, lee, u3, bo]);

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.That(jobs, Has.Count.EqualTo(2));
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[
              {"type":"profile","attributes":{"email":"ann@shop.test","first_name":"Ann","properties":{"plan":"pro"}}},
              {"type":"profile","attributes":{"email":"bo@shop.test","last_name":null}}]}}}}
            """, jobs[0].Body!);
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[
              {"type":"profile","attributes":{"phone_number":"+14155552671","last_name":"Lee"}},
              {"type":"profile","attributes":{"external_id":"u-3","location":{"city":"Oslo"}}}]}},
             "relationships":{"lists":{"data":[{"type":"list","id":"VRgFBd"}]}}}}
            """, jobs[1].Body!);

        var endpoint = mock.CreateClient().CreateBulkEndpoints().ProfileImport;
        var leeAsUpsert = new UpsertProfileRequest { PhoneNumber = "+14155552671", LastName = "Lee", ListId = "VRgFBd" };
        Assert.Multiple(() =>
        {
            Assert.That(jobs[0].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, BulkGroupKey.None, [ann], [bo])));
            Assert.That(jobs[1].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey("VRgFBd"), [leeAsUpsert], [u3])));
            Assert.That(jobs[0].ContentType, Is.EqualTo("application/vnd.api+json"));
            Assert.That(result.Items.Select(i => (i.Outcome.Status, i.Outcome.JobId, i.Outcome.JobConfirmation)), Is.EqualTo(new[]
            {
                (KlaviyoItemStatus.Accepted, "JOB1", KlaviyoJobConfirmation.NotTracked),
                (KlaviyoItemStatus.Accepted, "JOB2", KlaviyoJobConfirmation.NotTracked),
                (KlaviyoItemStatus.Accepted, "JOB2", KlaviyoJobConfirmation.NotTracked),
                (KlaviyoItemStatus.Accepted, "JOB1", KlaviyoJobConfirmation.NotTracked),
            }));
        });
    }

    [Test]
    public async Task Events_of_one_profile_share_an_entry_and_profile_meta_sits_beside_the_attributes()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.EventsPath);
        var annProfile = new EventProfile { Email = "ann@shop.test" };
        TrackEventRequest viewed = new()
        {
            Profile = annProfile,
            MetricName = "Viewed Product",
            Properties = new Dictionary<string, object?> { ["sku"] = "A1", ["price"] = 9.99m },
            Time = EventTime,
            Value = 9.99m,
            ValueCurrency = "USD",
            UniqueId = "ev-1",
        };
        TrackEventRequest bo = new()
        {
            Profile = new EventProfile
            {
                PhoneNumber = "(415) 555-2671",
                CountryCode = "US",
                AdditionalAttributes = new Dictionary<string, object?>
                {
                    ["first_name"] = "Bo",
                    ["meta"] = new Dictionary<string, object?> { ["patch_properties"] = new Dictionary<string, object?> { ["append"] = new Dictionary<string, object?> { ["tags"] = "vip" } } },
                },
            },
            MetricName = "Viewed Product",
            Time = EventTime,
            UniqueId = "ev-3",
        };
        TrackEventRequest carted = new() { Profile = annProfile, MetricName = "Added to Cart", Time = EventTime.AddMinutes(1), UniqueId = "ev-2" };

        var result = await mock.CreateBulkClient().TrackEventsAsync([viewed, bo, carted]);

        var request = mock.To(HttpMethod.Post, BulkWireMock.EventsPath).Single();
        JsonAssert.AreEquivalent("""
            {"data":{"type":"event-bulk-create-job","attributes":{"events-bulk-create":{"data":[
              {"type":"event-bulk-create","attributes":{
                "profile":{"data":{"type":"profile","attributes":{"email":"ann@shop.test"}}},
                "events":{"data":[
                  {"type":"event","attributes":{"properties":{"sku":"A1","price":9.99},"time":"2026-10-31T09:30:00.000Z","value":9.99,"value_currency":"USD",
                    "unique_id":"ev-1","metric":{"data":{"type":"metric","attributes":{"name":"Viewed Product"}}}}},
                  {"type":"event","attributes":{"properties":{},"time":"2026-10-31T09:31:00.000Z",
                    "unique_id":"ev-2","metric":{"data":{"type":"metric","attributes":{"name":"Added to Cart"}}}}}]}}},
              {"type":"event-bulk-create","attributes":{
                "profile":{"data":{"type":"profile","attributes":{"phone_number":"+14155552671","first_name":"Bo"},
                  "meta":{"patch_properties":{"append":{"tags":"vip"}}}}},
                "events":{"data":[
                  {"type":"event","attributes":{"properties":{},"time":"2026-10-31T09:30:00.000Z",
                    "unique_id":"ev-3","metric":{"data":{"type":"metric","attributes":{"name":"Viewed Product"}}}}}]}}}]}}}}
            """, request.Body!);

        var endpoint = mock.CreateClient().CreateBulkEndpoints().EventCreate;
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(request.Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, BulkGroupKey.None, [viewed, carted], [WireSizes.Normalized(bo, mock.Clock)])));
        });
    }

    [Test]
    public async Task Bulk_events_carry_the_same_time_and_unique_ids_as_the_single_calls()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, "/api/events");
        mock.Accept(HttpMethod.Post, BulkWireMock.EventsPath);
        var client = mock.CreateClient();
        TrackEventRequest viewed = new()
        {
            Profile = new EventProfile { Email = "ann@shop.test" },
            MetricName = "Viewed Product",
            Properties = new Dictionary<string, object?> { ["sku"] = "A1" },
        };
        OrderCompletedRequest order = new()
        {
            Profile = new EventProfile { ExternalId = "buyer-7" },
            Value = 22m,
            ValueCurrency = "EUR",
            Properties = new Dictionary<string, object?> { ["order_id"] = "o-7" },
            Products =
            [
                new OrderProduct { ProductId = "p1", Name = "Monopoly", Price = 19m },
                new OrderProduct { Sku = "S-2", Name = "Uno", Price = 3m },
                new OrderProduct { ProductId = "p1", Name = "Monopoly", Price = 19m },
            ],
        };

        var single = await client.TrackEventAsync(viewed);
        var singleOrder = await client.TrackOrderCompletedAsync(order);
        // Product events of one order are sent concurrently: key the single calls' events by their unique_id.
        var singleBodies = mock.To(HttpMethod.Post, "/api/events")
            .Select(r => r.Json.GetProperty("data").GetProperty("attributes"))
            .ToDictionary(a => a.GetProperty("unique_id").GetString()!);

        mock.Clock.Advance(TimeSpan.FromMilliseconds(300)); // same second: a derived id depends on the second only
        var result = await client.Bulk.SendAsync([viewed, order]);

        var entries = mock.To(HttpMethod.Post, BulkWireMock.EventsPath).Single().Json
            .GetProperty("data").GetProperty("attributes").GetProperty("events-bulk-create").GetProperty("data");
        var bulkEvents = entries.EnumerateArray()
            .SelectMany(e => e.GetProperty("attributes").GetProperty("events").GetProperty("data").EnumerateArray())
            .Select(e => e.GetProperty("attributes"))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(bulkEvents.Select(e => e.GetProperty("unique_id").GetString()), Is.EqualTo(
                new[] { single.UniqueId, singleOrder.OrderUniqueId }.Concat(singleOrder.ProductUniqueIds)));
            Assert.That(singleOrder.ProductUniqueIds, Is.EqualTo(new[] { singleOrder.OrderUniqueId + ":p1", singleOrder.OrderUniqueId + ":S-2", singleOrder.OrderUniqueId + ":p1:2" }));
            Assert.That(singleBodies, Has.Count.EqualTo(5));
            foreach (var bulkEvent in bulkEvents)
            {
                // The single call's attributes carry the profile; a bulk entry carries it once for its events.
                var expected = JsonSerializer.SerializeToNode(singleBodies[bulkEvent.GetProperty("unique_id").GetString()!])!.AsObject();
                expected.Remove("profile");
                JsonAssert.AreEquivalent(expected.ToJsonString(), bulkEvent.GetRawText());
            }
        });
    }

    [Test]
    public async Task Subscriptions_go_to_one_job_per_list_source_and_historical_flag()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.SubscribePath);
        SubscribeProfileRequest ann = new() { Email = "ann@shop.test", ListId = "Y6nRLr" };
        SubscribeProfileRequest bo = new() { PhoneNumber = "(415) 555-2671", CountryCode = "US", ListId = "Y6nRLr", CustomSource = "Checkout" };
        SubscribeProfileRequest cy = new() { Email = "cy@shop.test", ListId = "Y6nRLr" };
        SubscribeProfileRequest di = new()
        {
            Email = "di@shop.test",
            HistoricalImport = true,
            ConsentedAt = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
            Channels = ConsentChannels.EmailMarketing,
        };

        var result = await mock.CreateBulkClient().SubscribeProfilesAsync([ann, bo, cy, di]);

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.SubscribePath);
        Assert.That(jobs, Has.Count.EqualTo(3));
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-subscription-bulk-create-job",
              "attributes":{"custom_source":"-59","historical_import":false,"profiles":{"data":[
                {"type":"profile","attributes":{"email":"ann@shop.test","subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}},
                {"type":"profile","attributes":{"email":"cy@shop.test","subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}},
              "relationships":{"list":{"data":{"type":"list","id":"Y6nRLr"}}}}}
            """, jobs[0].Body!);
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-subscription-bulk-create-job",
              "attributes":{"custom_source":"Checkout","historical_import":false,"profiles":{"data":[
                {"type":"profile","attributes":{"phone_number":"+14155552671","subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}},
              "relationships":{"list":{"data":{"type":"list","id":"Y6nRLr"}}}}}
            """, jobs[1].Body!);
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-subscription-bulk-create-job",
              "attributes":{"custom_source":"-59","historical_import":true,"profiles":{"data":[
                {"type":"profile","attributes":{"email":"di@shop.test",
                  "subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED","consented_at":"2026-01-15T00:00:00.000Z"}}}}}]}}}}
            """, jobs[2].Body!);

        var endpoint = mock.CreateClient().CreateBulkEndpoints().Subscribe;
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(jobs[0].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey("Y6nRLr", "-59"), [ann], [cy])));
            Assert.That(jobs[1].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey("Y6nRLr", "Checkout"), [WireSizes.Normalized(bo)])));
            Assert.That(jobs[2].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey(null, "-59", true), [di])));
        });
    }

    [Test]
    public async Task A_subscription_or_unsubscription_of_one_profile_sends_the_same_body_as_the_single_call()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.SubscribePath);
        mock.Accept(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        var client = mock.CreateClient();
        SubscribeProfileRequest subscribe = new()
        {
            Email = "ann@shop.test",
            PhoneNumber = "020 7946 0958",
            CountryCode = "GB",
            ListId = "Y6nRLr",
            CustomSource = "Footer form",
            Channels = ConsentChannels.EmailMarketing | ConsentChannels.SmsMarketing | ConsentChannels.SmsTransactional,
        };
        UnsubscribeProfileRequest unsubscribe = new() { Email = "ann@shop.test", PhoneNumber = "+442079460958", ListId = "Y6nRLr" };

        await client.SubscribeProfileAsync(subscribe);
        await client.UnsubscribeProfileAsync(unsubscribe);
        var result = await client.Bulk.SendAsync([subscribe, unsubscribe]);

        var subscribes = mock.To(HttpMethod.Post, BulkWireMock.SubscribePath);
        var unsubscribes = mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        Assert.That(result.AllAccepted, Is.True);
        JsonAssert.AreEquivalent(subscribes[0].BodyText, subscribes[1].Body!);
        JsonAssert.AreEquivalent(unsubscribes[0].BodyText, unsubscribes[1].Body!);
    }

    [Test]
    public async Task Unsubscriptions_go_to_one_job_per_list()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        UnsubscribeProfileRequest ann = new() { Email = "ann@shop.test", ListId = "Y6nRLr" };
        UnsubscribeProfileRequest phone = new() { PhoneNumber = "(415) 555-2671", CountryCode = "US" };
        UnsubscribeProfileRequest bo = new() { Email = "bo@shop.test", ListId = "Y6nRLr" };

        var result = await mock.CreateBulkClient().UnsubscribeProfilesAsync([ann, phone, bo]);

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        Assert.That(jobs, Has.Count.EqualTo(2));
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{"profiles":{"data":[
              {"type":"profile","attributes":{"email":"ann@shop.test","subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}},
              {"type":"profile","attributes":{"email":"bo@shop.test","subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}]}},
             "relationships":{"list":{"data":{"type":"list","id":"Y6nRLr"}}}}}
            """, jobs[0].Body!);
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{"profiles":{"data":[
              {"type":"profile","attributes":{"phone_number":"+14155552671",
                "subscriptions":{"sms":{"marketing":{"consent":"UNSUBSCRIBED"},"transactional":{"consent":"UNSUBSCRIBED"}}}}}]}}}}
            """, jobs[1].Body!);

        var endpoint = mock.CreateClient().CreateBulkEndpoints().Unsubscribe;
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(jobs[0].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey("Y6nRLr"), [ann], [bo])));
            Assert.That(jobs[1].Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, BulkGroupKey.None, [WireSizes.Normalized(phone)])));
        });
    }

    [Test]
    public async Task List_removals_look_up_ids_and_delete_them_per_list_once_each()
    {
        var mock = new BulkWireMock();
        mock.Directory.Add("01ANN", email: "ann@shop.test", externalId: "u-ann");
        mock.Directory.Add("01BO", phone: "+14155552671");
        mock.AcceptListRemovals("Y6nRLr");
        mock.AcceptListRemovals("XyZ123");

        var result = await mock.CreateBulkClient().SendAsync([
            new RemoveProfileFromListRequest { ListId = "Y6nRLr", Email = "ann@shop.test" },
            new RemoveProfileRequest { ListId = "Y6nRLr", ExternalId = "u-ann", PhoneNumber = "(415) 555-2671", CountryCode = "US" },
            new RemoveProfileFromListRequest { ListId = "XyZ123", ExternalId = "u-ann" },
        ]);

        var first = mock.To(HttpMethod.Delete, BulkWireMock.ListPath("Y6nRLr")).Single();
        var second = mock.To(HttpMethod.Delete, BulkWireMock.ListPath("XyZ123")).Single();
        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"01ANN"},{"type":"profile","id":"01BO"}]}""", first.Body!);
        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"01ANN"}]}""", second.Body!);
        var endpoint = mock.CreateClient().CreateBulkEndpoints().ListRemove;
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items.Select(i => i.Outcome.ProfileIds), Is.EqualTo(new[] { new[] { "01ANN" }, new[] { "01ANN", "01BO" }, new[] { "01ANN" } }));
            Assert.That(first.Body!.Length, Is.EqualTo(WireSizes.Planned(endpoint, new BulkGroupKey("Y6nRLr"), ["01ANN"], ["01BO"])));
            Assert.That(mock.Directory.Filters, Is.EqualTo(new[] { "any(external_id,[\"u-ann\"])", "any(email,[\"ann@shop.test\"])", "any(phone_number,[\"+14155552671\"])" }));
        });
    }

    [Test]
    public void The_client_s_bulk_property_is_one_instance_over_the_client()
    {
        var client = new BulkWireMock().CreateClient();
        var first = client.Bulk;
        Assert.That(client.Bulk, Is.SameAs(first).And.InstanceOf<KlaviyoBulkClient>());
    }

    [Test]
    public async Task An_unsupported_property_value_makes_the_item_invalid_and_is_not_sent()
    {
        var mock = new BulkWireMock();
        mock.Accept(HttpMethod.Post, BulkWireMock.EventsPath);
        var result = await mock.CreateBulkClient().TrackEventsAsync([
            new TrackEventRequest { Profile = new EventProfile { Email = "ann@shop.test" }, MetricName = "M", Properties = new Dictionary<string, object?> { ["when"] = new Uri("https://x.test") } },
            new TrackEventRequest { Profile = new EventProfile { Email = "bo@shop.test" }, MetricName = "M", UniqueId = "ok" },
        ]);
        var sent = mock.To(HttpMethod.Post, BulkWireMock.EventsPath).Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Invalid));
            Assert.That(result.Items[0].Outcome.ValidationErrors.Single().Field, Does.Contain("when"));
            Assert.That(result.Items[1].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(sent.BodyText, Does.Not.Contain("ann@shop.test"));
        });
    }

    [Test]
    public async Task A_request_Klaviyo_answers_without_a_job_body_still_accepts_its_items()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, _) => new HttpResponseMessage(HttpStatusCode.Accepted));
        var result = await mock.CreateBulkClient(o => o.TrackImportJobs = true).UpsertProfilesAsync([new UpsertProfileRequest { Email = "ann@shop.test" }]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Unconfirmed));
            Assert.That(result.Items[0].Outcome.Reason, Is.EqualTo("Klaviyo returned no job id to follow"));
        });
    }
}
