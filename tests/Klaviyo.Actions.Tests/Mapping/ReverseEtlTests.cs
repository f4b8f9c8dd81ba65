using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Reverse ETL records routed by change type per Segment's table, with the "connect to a static list" hook.</summary>
public class ReverseEtlTests
{
    private const string Configuration = """
        {
          "mappings": [
            { "name": "Profiles", "action": "upsertProfile", "changeTypes": ["added", "updated"],
              "mapping": { "email": { "@path": "$.properties.email" }, "first_name": { "@path": "$.properties.first_name" } },
              "hooks": { "retlOnMappingSave": { "inputs": { "list_name": "Warehouse VIPs" } } } },
            { "name": "Signups", "action": "trackEvent",
              "mapping": { "profile": { "email": { "@path": "$.properties.email" } }, "metric_name": "Warehouse Signup", "properties": { "plan": { "@path": "$.properties.plan" } } },
              "changeTypes": ["added"] },
            { "name": "Removals", "action": "removeProfile", "changeTypes": ["deleted"],
              "mapping": { "email": { "@path": "$.properties.email" }, "list_id": "LIST_OLD" } },
            { "name": "Unsubscribes", "action": "unsubscribeProfile", "reverseEtl": true,
              "mapping": { "email": { "@path": "$.properties.email" } } },
            { "name": "Events", "action": "trackEvent" }
          ]
        }
        """;

    private static ReverseEtlRecord Record(ReverseEtlChangeType change, string id) =>
        new(change, JsonDocument.Parse($$"""{"email":"{{id}}@example.com","first_name":"Row {{id}}","plan":"pro"}""").RootElement, id);

    [Test]
    public async Task Records_go_to_the_mappings_of_their_change_type()
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Configuration), client);

        var results = await destination.SendReverseEtlAsync(
        [
            Record(ReverseEtlChangeType.Added, "r1"),
            Record(ReverseEtlChangeType.Updated, "r2"),
            Record(ReverseEtlChangeType.Deleted, "r3"),
        ]);

        string Row(int i) => string.Join(" ", results[i].Outcomes.Select(o => $"{o.MappingName}:{o.Kind}"));
        Assert.Multiple(() =>
        {
            Assert.That(Row(0), Is.EqualTo("Profiles:Sent Signups:Sent Removals:Skipped Unsubscribes:Skipped"));
            Assert.That(Row(1), Is.EqualTo("Profiles:Sent Signups:Skipped Removals:Skipped Unsubscribes:Skipped"));
            Assert.That(Row(2), Is.EqualTo("Profiles:Skipped Signups:Skipped Removals:Sent Unsubscribes:Sent"));
            Assert.That(((SkippedOutcome)results[2].Outcomes[0]).Reason, Is.EqualTo(SkipReason.ChangeTypeNotMapped));
            Assert.That(results[0].MessageId, Is.EqualTo("retl:r1:added"));
        });

        RequestDump.AssertSame(new object[]
        {
            new UpsertProfileRequest { Email = "r1@example.com", FirstName = "Row r1", ListId = "NEW1" },
            new TrackEventRequest
            {
                Profile = new EventProfile { Email = "r1@example.com" },
                MetricName = "Warehouse Signup",
                Properties = new Dictionary<string, object?> { ["plan"] = "pro" },
                UniqueId = "retl:r1:added",
            },
            new UpsertProfileRequest { Email = "r2@example.com", FirstName = "Row r2", ListId = "NEW1" },
            new RemoveProfileRequest { ListId = "LIST_OLD", Email = "r3@example.com" },
            new UnsubscribeProfileRequest { Email = "r3@example.com" },
        }, client.Sent);
        Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.EqualTo(1), "the hook's list is created once");
    }

    [Test]
    public async Task Event_mappings_ignore_records_and_reverse_etl_mappings_ignore_events()
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(Configuration), client);

        var record = (await destination.SendReverseEtlAsync([Record(ReverseEtlChangeType.Added, "r1")])).Single();
        var segmentEvent = await destination.SendAsync(SegmentEvent.Parse(TestEvents.ProductViewed));

        Assert.Multiple(() =>
        {
            Assert.That(record.Outcomes.Select(o => o.MappingName), Does.Not.Contain("Events"));
            Assert.That(segmentEvent.Outcomes.Select(o => o.MappingName), Is.EqualTo(new[] { "Events" }));
        });
    }

    [Test]
    public async Task An_existing_hook_list_is_checked_and_a_missing_one_fails()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("XYZABC", "Test Audience");
        var good = MappingDefinition.ForReverseEtl("upsertProfile", name: "Good", mapping: JsonDocument.Parse("""{"email":{"@path":"$.properties.email"}}""").RootElement, listHook: StaticListHook.Existing("XYZABC"));
        var bad = MappingDefinition.ForReverseEtl("upsertProfile", name: "Bad", mapping: JsonDocument.Parse("""{"email":{"@path":"$.properties.email"}}""").RootElement, listHook: StaticListHook.Existing("NOPE"));
        var destination = new KlaviyoDestination(new DestinationConfiguration(new DestinationSettings(), [good, bad]), client);

        var result = (await destination.SendReverseEtlAsync([Record(ReverseEtlChangeType.Added, "r1")])).Single();

        Assert.Multiple(() =>
        {
            Assert.That(((UpsertProfileRequest)client.Sent.Single()).ListId, Is.EqualTo("XYZABC"));
            var failed = (FailedOutcome)result.Outcomes[1];
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(failed.IsTransient, Is.False);
        });
    }

    [Test]
    public void Record_columns_must_be_an_object()
    {
        Assert.Throws<ArgumentException>(() => _ = new ReverseEtlRecord(ReverseEtlChangeType.Added, JsonDocument.Parse("[1]").RootElement));
    }

    [Test]
    public void A_record_reads_as_a_track_event_with_its_columns_in_properties()
    {
        var segmentEvent = Record(ReverseEtlChangeType.Deleted, "r9").ToEvent();

        Assert.Multiple(() =>
        {
            Assert.That(segmentEvent.Type, Is.EqualTo(SegmentEventType.Track));
            Assert.That(segmentEvent.Event, Is.EqualTo("deleted"));
            Assert.That(segmentEvent.MessageId, Is.EqualTo("retl:r9:deleted"));
            Assert.That(segmentEvent.Properties!.Value.GetProperty("email").GetString(), Is.EqualTo("r9@example.com"));
        });
    }
}
