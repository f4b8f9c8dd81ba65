using System.Net;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>Klaviyo's 400s that point at rows: those rows are rejected, the rest resent once without them.</summary>
public sealed class BulkRowRejectionTests
{
    [Test]
    public async Task Profiles_an_import_400_points_at_are_rejected_and_the_rest_resent_once()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, n) => n == 1
            ? KlaviyoErrorBodies.BadRequest(
                ("/data/attributes/profiles/data/0/attributes/email", "Invalid email address."),
                ("/data/attributes/profiles/data/2/attributes/phone_number", KlaviyoErrorBodies.UnsupportedRegion))
            : BulkWireMock.Json(HttpStatusCode.Accepted, BulkWireMock.ImportJob("JOB-A", "queued")));
        var profiles = Enumerable.Range(0, 5).Select(i => new UpsertProfileRequest { Email = $"p{i}@shop.test" }).ToList();

        var result = await mock.CreateBulkClient().UpsertProfilesAsync(profiles);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(sent, Has.Count.EqualTo(2));
            Assert.That(WireEndpoints.Identifiers(sent[1]), Is.EqualTo(new[] { "p1@shop.test", "p3@shop.test", "p4@shop.test" }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Accepted,
            }));
            Assert.That(result.Items[0].Outcome.Error!.Detail, Is.EqualTo("Invalid email address."));
            Assert.That(result.Items[2].Outcome.Reason, Is.EqualTo(KlaviyoErrorBodies.UnsupportedRegion));
            Assert.That(result.Items[2].Outcome.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(result.Items[1].Outcome.JobId, Is.EqualTo("JOB-A"));
        });
    }

    [Test]
    public async Task An_entry_or_a_single_event_a_bulk_event_400_points_at_is_rejected_and_the_resend_carries_the_same_ids()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.EventsPath, (_, n) =>
        {
            if (n > 1)
            {
                return new HttpResponseMessage(HttpStatusCode.Accepted);
            }

            mock.Clock.Advance(TimeSpan.FromSeconds(5)); // a resend must not restamp events that had no time
            return KlaviyoErrorBodies.BadRequest(
                ("/data/attributes/events-bulk-create/data/0/attributes/email", "Invalid email address."),
                ("/data/attributes/events-bulk-create/data/1/attributes/events/data/1/attributes/time", "Event time must be after 1990."));
        });
        TrackEventRequest Event(string who, string metric, string? id = null) =>
            new() { Profile = new EventProfile { Email = who + "@shop.test" }, MetricName = metric, UniqueId = id };

        var result = await mock.CreateBulkClient().TrackEventsAsync([
            Event("ann", "Viewed", "a1"), Event("bo", "Viewed"), Event("ann", "Carted", "a2"), Event("bo", "Carted", "b2"), Event("cy", "Viewed"),
        ]);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.EventsPath);
        Assert.That(sent, Has.Count.EqualTo(2));
        var first = Events(sent[0]);
        var resent = Events(sent[1]);
        Assert.Multiple(() =>
        {
            Assert.That(first.Select(e => e.Profile), Is.EqualTo(new[] { "ann@shop.test", "ann@shop.test", "bo@shop.test", "bo@shop.test", "cy@shop.test" }));
            Assert.That(resent.Select(e => e.Profile), Is.EqualTo(new[] { "bo@shop.test", "cy@shop.test" }));
            Assert.That(resent.Select(e => e.Raw), Is.EqualTo(new[] { first[2].Raw, first[4].Raw }), "byte-identical events: same time and unique_id");
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted,
            }));
            Assert.That(result.Items[3].Outcome.Reason, Is.EqualTo("Event time must be after 1990."));
        });
    }

    [Test]
    public async Task A_subscription_profile_a_400_points_at_is_rejected_and_the_rest_resent_once()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.SubscribePath, (_, n) => n == 1
            ? KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/1/attributes/phone_number", KlaviyoErrorBodies.UnsupportedRegion))
            : new HttpResponseMessage(HttpStatusCode.Accepted));

        var result = await mock.CreateBulkClient().SubscribeProfilesAsync([
            new SubscribeProfileRequest { Email = "ann@shop.test", ListId = "Y6nRLr" },
            new SubscribeProfileRequest { PhoneNumber = "+442079460958", ListId = "Y6nRLr" },
            new SubscribeProfileRequest { Email = "cy@shop.test", ListId = "Y6nRLr" },
        ]);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.SubscribePath);
        Assert.Multiple(() =>
        {
            Assert.That(sent, Has.Count.EqualTo(2));
            Assert.That(WireEndpoints.Identifiers(sent[1]), Is.EqualTo(new[] { "ann@shop.test", "cy@shop.test" }));
            Assert.That(sent[1].Json.GetProperty("data").GetProperty("relationships").GetProperty("list").GetProperty("data").GetProperty("id").GetString(), Is.EqualTo("Y6nRLr"));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted }));
        });
    }

    [Test]
    public async Task An_unsubscription_profile_a_400_points_at_is_rejected_and_the_rest_resent_once()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.UnsubscribePath, (_, n) => n == 1
            ? KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/0/attributes/email", "Invalid email address."))
            : new HttpResponseMessage(HttpStatusCode.Accepted));

        var result = await mock.CreateBulkClient().UnsubscribeProfilesAsync([
            new UnsubscribeProfileRequest { Email = "ann@shop.test" },
            new UnsubscribeProfileRequest { Email = "bo@shop.test" },
        ]);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.UnsubscribePath);
        Assert.Multiple(() =>
        {
            Assert.That(WireEndpoints.Identifiers(sent[1]), Is.EqualTo(new[] { "bo@shop.test" }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted }));
        });
    }

    [Test]
    public async Task An_unknown_list_rejects_every_profile_of_that_job_without_a_resend()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.SubscribePath, (captured, _) =>
            captured.BodyText.Contains("\"XyZ123\"", StringComparison.Ordinal)
                ? KlaviyoErrorBodies.BadRequest(("/data/relationships/list/data/id", "List not found with id XyZ123"))
                : new HttpResponseMessage(HttpStatusCode.Accepted));

        var result = await mock.CreateBulkClient().SubscribeProfilesAsync([
            new SubscribeProfileRequest { Email = "ann@shop.test", ListId = "XyZ123" },
            new SubscribeProfileRequest { Email = "bo@shop.test", ListId = "Y6nRLr" },
            new SubscribeProfileRequest { Email = "cy@shop.test", ListId = "XyZ123" },
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.SubscribePath), Has.Count.EqualTo(2), "one job per list, no resend");
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected }));
            Assert.That(result.Items[0].Outcome.Reason, Is.EqualTo("List not found with id XyZ123"));
        });
    }

    [Test]
    public async Task A_refused_resend_rejects_what_it_points_at_and_fails_the_rest_without_a_third_request()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, n) => n == 1
            ? KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/0/attributes/email", "Invalid email address."))
            : KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/1/attributes/phone_number", KlaviyoErrorBodies.UnsupportedRegion)));

        var result = await mock.CreateBulkClient().UpsertProfilesAsync([
            new UpsertProfileRequest { Email = "p0@shop.test" },
            new UpsertProfileRequest { Email = "p1@shop.test" },
            new UpsertProfileRequest { Email = "p2@shop.test", PhoneNumber = "+442079460958" },
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(mock.To(HttpMethod.Post, BulkWireMock.ImportPath), Has.Count.EqualTo(2));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Failed, KlaviyoItemStatus.Rejected }));
        });
    }

    private static List<(string Profile, string Raw)> Events(Client.Support.CapturedRequest request) =>
        [.. request.Json.GetProperty("data").GetProperty("attributes").GetProperty("events-bulk-create").GetProperty("data").EnumerateArray()
            .SelectMany(entry => entry.GetProperty("attributes").GetProperty("events").GetProperty("data").EnumerateArray()
                .Select(e => (entry.GetProperty("attributes").GetProperty("profile").GetProperty("data").GetProperty("attributes").GetProperty("email").GetString()!, e.GetRawText())))];
}
