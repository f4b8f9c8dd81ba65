using System.Text;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Tests.Api.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class BulkDocumentTests
{
    private static EventData Event(string uniqueId, EventProfile profile, decimal? value = null) => new(
        "Refunded Order",
        profile,
        new Dictionary<string, object?> { ["order_id"] = uniqueId, ["ünïcode"] = "✓" },
        "2024-05-10T00:00:00.000Z",
        value,
        value is null ? null : "USD",
        uniqueId);

    [Test]
    public void Profile_bulk_import_job_holds_the_profiles_and_the_lists()
    {
        var first = ProfileBulkImportJobDocument.SerializeProfile(new ProfileAttributes { Email = "valid@example.com", FirstName = "John", Location = new LocationAttributes() }, "upsertProfile");
        var second = ProfileBulkImportJobDocument.SerializeProfile(new ProfileAttributes { PhoneNumber = "+17702126011", LastName = null }, "upsertProfile");

        byte[] body = KlaviyoWire.Serialize(ProfileBulkImportJobDocument.Create([first, second], ["LIST_A", "LIST_B"]), KlaviyoJsonContext.Default.ProfileBulkImportJobDocument, "upsertProfile");

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-bulk-import-job",
              "attributes":{"profiles":{"data":[
                {"type":"profile","attributes":{"email":"valid@example.com","first_name":"John","location":{}}},
                {"type":"profile","attributes":{"phone_number":"+17702126011","last_name":null}}]}},
              "relationships":{"lists":{"data":[{"type":"list","id":"LIST_A"},{"type":"list","id":"LIST_B"}]}}}}
            """,
            body);
    }

    [Test]
    public void Profile_bulk_import_job_without_lists_has_no_relationships()
    {
        var profile = ProfileBulkImportJobDocument.SerializeProfile(new ProfileAttributes { ExternalId = "u1" }, "upsertProfile");

        byte[] body = KlaviyoWire.Serialize(ProfileBulkImportJobDocument.Create([profile]), KlaviyoJsonContext.Default.ProfileBulkImportJobDocument, "upsertProfile");

        JsonAssert.AreEquivalent(
            """{"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[{"type":"profile","attributes":{"external_id":"u1"}}]}}}}""",
            body);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    public void Profile_job_size_is_measured_exactly_from_the_fragments(int count)
    {
        var profiles = Enumerable.Range(0, count)
            .Select(i => ProfileBulkImportJobDocument.SerializeProfile(new ProfileAttributes
            {
                Email = $"user{i}@example.com",
                Properties = new Dictionary<string, object?> { ["note"] = new string('é', i * 13) },
            }, "upsertProfile"))
            .ToList();
        string[] lists = count % 2 == 0 ? [] : ["LIST_A"];

        byte[] body = KlaviyoWire.Serialize(ProfileBulkImportJobDocument.Create(profiles, lists), KlaviyoJsonContext.Default.ProfileBulkImportJobDocument, "upsertProfile");

        Assert.That(ProfileBulkImportJobDocument.MeasureBytes(profiles, lists), Is.EqualTo(body.Length));
    }

    [Test]
    public void Event_bulk_create_job_has_one_entry_per_profile_with_meta_beside_the_attributes()
    {
        var profile = new EventProfile
        {
            Email = "bill.joel@klaviyo-demo.com",
            AdditionalAttributes = new Dictionary<string, object?>
            {
                ["first_name"] = "Bill",
                ["meta"] = new Dictionary<string, object?> { ["patch_properties"] = new Dictionary<string, object?> { ["append"] = new Dictionary<string, object?> { ["skus"] = "92538" } } },
            },
        };
        var entry = EventBulkCreateEntry.Create(
            EventBulkCreateEntry.SerializeProfile(profile, "trackEvent"),
            [EventBulkCreateEntry.SerializeEvent(Event("e1", profile, 9.99m), "trackEvent"), EventBulkCreateEntry.SerializeEvent(Event("e2", profile), "trackEvent")]);

        byte[] body = KlaviyoWire.Serialize(EventBulkCreateJobDocument.Create([entry]), KlaviyoJsonContext.Default.EventBulkCreateJobDocument, "trackEvent");

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"event-bulk-create-job","attributes":{"events-bulk-create":{"data":[
              {"type":"event-bulk-create","attributes":{
                "profile":{"data":{"type":"profile","attributes":{"email":"bill.joel@klaviyo-demo.com","first_name":"Bill"},
                                   "meta":{"patch_properties":{"append":{"skus":"92538"}}}}},
                "events":{"data":[
                  {"type":"event","attributes":{"properties":{"order_id":"e1","ünïcode":"✓"},"time":"2024-05-10T00:00:00.000Z",
                    "value":9.99,"value_currency":"USD","unique_id":"e1",
                    "metric":{"data":{"type":"metric","attributes":{"name":"Refunded Order"}}}}},
                  {"type":"event","attributes":{"properties":{"order_id":"e2","ünïcode":"✓"},"time":"2024-05-10T00:00:00.000Z",
                    "unique_id":"e2","metric":{"data":{"type":"metric","attributes":{"name":"Refunded Order"}}}}}]}}}]}}}}
            """,
            body);
    }

    [Test]
    public void Event_job_and_entry_sizes_are_measured_exactly()
    {
        var entries = Enumerable.Range(0, 5).Select(i =>
        {
            var profile = new EventProfile { ExternalId = "u" + i, AnonymousId = i % 2 == 0 ? null : "anon" };
            var events = Enumerable.Range(0, i).Select(j => EventBulkCreateEntry.SerializeEvent(Event($"{i}-{j}", profile, j), "trackEvent")).ToList();
            return EventBulkCreateEntry.Create(EventBulkCreateEntry.SerializeProfile(profile, "trackEvent"), events);
        }).ToList();

        foreach (var entry in entries)
        {
            byte[] entryBody = KlaviyoWire.Serialize(entry, KlaviyoJsonContext.Default.EventBulkCreateEntry, "trackEvent");
            Assert.That(entry.MeasureBytes(), Is.EqualTo(entryBody.Length));
        }

        byte[] body = KlaviyoWire.Serialize(EventBulkCreateJobDocument.Create(entries), KlaviyoJsonContext.Default.EventBulkCreateJobDocument, "trackEvent");
        Assert.That(EventBulkCreateJobDocument.MeasureBytes(entries), Is.EqualTo(body.Length));
        Assert.That(EventBulkCreateJobDocument.MeasureBytes([]), Is.EqualTo(EventBulkCreateJobDocument.EnvelopeBytes));
    }

    [Test]
    public void A_fragment_is_embedded_verbatim_and_measured_in_utf8_bytes()
    {
        var fragment = new JsonFragment(Encoding.UTF8.GetBytes("""{"name":"Zoë"}"""));

        Assert.That(fragment.Length, Is.EqualTo(15));
        Assert.That(fragment.ToString(), Is.EqualTo("""{"name":"Zoë"}"""));
        Assert.Throws<ArgumentException>(() => _ = new JsonFragment([]));
    }

    [Test]
    public void Import_job_status_is_read()
    {
        var response = System.Text.Json.JsonSerializer.Deserialize(
            """
            {"data":{"type":"profile-bulk-import-job","id":"IMPORT_JOB_1","attributes":{"status":"processing",
              "created_at":"2024-05-01T12:00:00+00:00","total_count":10,"completed_count":7,"failed_count":1,
              "completed_at":null,"expires_at":"2024-05-08T12:00:00+00:00","started_at":"2024-05-01T12:00:01+00:00"},
              "relationships":{"lists":{"data":[{"type":"list","id":"L1"}]}},"links":{"self":"x"}}}
            """,
            KlaviyoJsonContext.Default.ProfileBulkImportJobResponse);

        var data = response!.Data!;
        Assert.That(data.Id, Is.EqualTo("IMPORT_JOB_1"));
        Assert.That(data.Attributes, Is.EqualTo(new ProfileBulkImportJobStatus(
            "processing",
            new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            10,
            7,
            1,
            null,
            new DateTimeOffset(2024, 5, 8, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 5, 1, 12, 0, 1, TimeSpan.Zero))));
        Assert.That(data.Attributes!.IsFinished, Is.False);
        Assert.That(data.Attributes with { Status = "complete" }, Has.Property("IsFinished").True);
    }

    [Test]
    public void Import_errors_page_is_read_with_pointer_payload_and_next_link()
    {
        var page = System.Text.Json.JsonSerializer.Deserialize(
            """
            {"data":[{"type":"import-error","id":"E1","attributes":{"code":"invalid","title":"Invalid input.",
              "detail":"Invalid email address","source":{"pointer":"/data/attributes/profiles/data/3/attributes/email"},
              "original_payload":{"email":"not-an-email","first_name":"X"}}}],
             "links":{"self":"s","next":"https://a.klaviyo.com/api/profile-bulk-import-jobs/J/import-errors?page%5Bcursor%5D=n2"}}
            """,
            KlaviyoJsonContext.Default.ImportErrorsPage);

        var error = page!.Data!.Single();
        Assert.That(error.Id, Is.EqualTo("E1"));
        Assert.That(error.Attributes!.Code, Is.EqualTo("invalid"));
        Assert.That(error.Attributes.Title, Is.EqualTo("Invalid input."));
        Assert.That(error.Attributes.Detail, Is.EqualTo("Invalid email address"));
        Assert.That(error.Attributes.Source!.Pointer, Is.EqualTo("/data/attributes/profiles/data/3/attributes/email"));
        Assert.That(error.Attributes.OriginalPayload!.Value.GetProperty("email").GetString(), Is.EqualTo("not-an-email"));
        Assert.That(KlaviyoPaging.NextPath(page.Links!.Next), Is.EqualTo("api/profile-bulk-import-jobs/J/import-errors?page%5Bcursor%5D=n2"));
    }

    [Test]
    public void List_relationship_documents_hold_resource_identifiers()
    {
        byte[] profiles = KlaviyoWire.Serialize(ResourceIdentifierList.Profiles(["A", "B"]), KlaviyoJsonContext.Default.ResourceIdentifierList, "x");
        byte[] lists = KlaviyoWire.Serialize(ResourceIdentifierList.Lists(["L"]), KlaviyoJsonContext.Default.ResourceIdentifierList, "x");

        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"A"},{"type":"profile","id":"B"}]}""", profiles);
        JsonAssert.AreEquivalent("""{"data":[{"type":"list","id":"L"}]}""", lists);
    }

    [Test]
    public void Subscribe_job_with_many_profiles_is_one_document()
    {
        var profiles = new[]
        {
            SubscriptionProfiles.Subscribe(new SubscribeProfileRequest { Email = "a@example.org" }),
            SubscriptionProfiles.Subscribe(new SubscribeProfileRequest { PhoneNumber = "+14155550100" }),
        };

        byte[] body = KlaviyoWire.Serialize(SubscriptionJobDocument.Subscribe(profiles, "-59", historicalImport: false, listId: "L"), KlaviyoJsonContext.Default.SubscriptionJobDocument, "x");

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-subscription-bulk-create-job","attributes":{"custom_source":"-59","historical_import":false,
              "profiles":{"data":[
                {"type":"profile","attributes":{"email":"a@example.org","subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}},
                {"type":"profile","attributes":{"phone_number":"+14155550100","subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}},
              "relationships":{"list":{"data":{"type":"list","id":"L"}}}}}
            """,
            body);
    }
}
