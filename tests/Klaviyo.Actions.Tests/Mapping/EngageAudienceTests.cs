using System.Net;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Engage Audience Entered / Exited: the audience's list is found or created once, as Segment's audience hooks do.</summary>
public class EngageAudienceTests
{
    private static KlaviyoDestination Destination(RecordingKlaviyoClient client, bool createLists = true) =>
        new(new DestinationConfiguration(
                new DestinationSettings { CreateAudienceLists = createLists },
                [MappingDefinition.ForEvents("addProfileToList"), MappingDefinition.ForEvents("removeProfileFromList")]),
            client,
            null);

    private const string EnteredTemplate = """
        {"type":"track","event":"Audience Entered","userId":"USER","messageId":"m-USER","properties":{"audience_key":"vip_customers"},
         "context":{"traits":{"email":"USER@example.com"},
                    "personas":{"computation_class":"audience","computation_id":"aud_1","computation_key":"vip_customers","external_audience_id":"EXTERNAL"EXTRA}}}
        """;

    private static string Entered(string user, string externalId = "aud_segment_1", string extraPersonas = "") =>
        EnteredTemplate
            .Replace("EXTERNAL", externalId, StringComparison.Ordinal)
            .Replace("EXTRA", extraPersonas, StringComparison.Ordinal)
            .Replace("USER", user, StringComparison.Ordinal);

    [Test]
    public async Task A_new_audience_gets_one_list_even_when_many_events_arrive_at_once()
    {
        var client = new RecordingKlaviyoClient();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.CreateListGate = gate.Task;
        var destination = Destination(client);
        var events = Enumerable.Range(0, 20).Select(i => SegmentEvent.Parse(Entered("user" + i))).ToList();

        var run = destination.SendAllAsync(events);
        gate.SetResult();
        var results = await run;

        Assert.Multiple(() =>
        {
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.EqualTo(1));
            Assert.That(client.Lists, Is.EquivalentTo(new Dictionary<string, string> { ["NEW1"] = "vip_customers" }));
            Assert.That(results.Select(r => r.Outcomes[0].Kind), Is.All.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(results.Select(r => ((SkippedOutcome)r.Outcomes[1]).Reason), Is.All.EqualTo(SkipReason.TriggerNotMatched));
            Assert.That(client.Sent.Cast<AddProfileToListRequest>().Select(r => r.ListId), Is.All.EqualTo("NEW1"));
        });
    }

    [Test]
    public async Task An_existing_external_list_is_used_and_an_exit_removes_from_it()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("LIST_ENG", "vip_customers");
        var destination = Destination(client);

        var entered = await destination.SendAsync(SegmentEvent.Parse(TestEvents.AudienceEntered));
        var exited = await destination.SendAsync(SegmentEvent.Parse(TestEvents.AudienceExited));

        Assert.Multiple(() =>
        {
            Assert.That(entered.Outcomes[0].Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(exited.Outcomes[1].Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(client.Sent.Select(r => r.GetType().Name), Is.EqualTo(new[] { nameof(AddProfileToListRequest), nameof(RemoveProfileFromListRequest) }));
            Assert.That(((RemoveProfileFromListRequest)client.Sent[1]).ListId, Is.EqualTo("LIST_ENG"));
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.Zero);
            Assert.That(client.Count(nameof(IKlaviyoClient.GetListAsync)), Is.EqualTo(1), "the audience's list is checked once");
        });
    }

    [Test]
    public async Task A_list_with_the_audience_name_is_reused_instead_of_creating_another()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("ABC123", "vip_customers");
        var destination = Destination(client);

        await destination.SendAsync(SegmentEvent.Parse(Entered("jane")));

        Assert.Multiple(() =>
        {
            Assert.That(((AddProfileToListRequest)client.Sent.Single()).ListId, Is.EqualTo("ABC123"));
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.Zero);
        });
    }

    [Test]
    public async Task The_audience_settings_list_takes_precedence()
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("SETTINGS", "Chosen list");
        var destination = Destination(client);

        await destination.SendAsync(SegmentEvent.Parse(Entered("jane", extraPersonas: ""","audience_settings":{"listId":"SETTINGS"}""")));

        Assert.That(((AddProfileToListRequest)client.Sent.Single()).ListId, Is.EqualTo("SETTINGS"));
    }

    [Test]
    public async Task Exiting_an_audience_that_has_no_list_creates_nothing_and_says_why()
    {
        var client = new RecordingKlaviyoClient();
        var destination = Destination(client);
        string exited = Entered("jane").Replace("Audience Entered", "Audience Exited", StringComparison.Ordinal);

        var result = await destination.SendAsync(SegmentEvent.Parse(exited));

        var invalid = (InvalidOutcome)result.Outcomes[1];
        Assert.Multiple(() =>
        {
            Assert.That(invalid.Errors.Single().Rule, Is.EqualTo("audience_list"));
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.Zero);
            Assert.That(client.Sent, Is.Empty);
        });
    }

    [Test]
    public async Task With_list_creation_off_a_new_audience_is_invalid()
    {
        var client = new RecordingKlaviyoClient();

        var result = await Destination(client, createLists: false).SendAsync(SegmentEvent.Parse(Entered("jane")));

        Assert.Multiple(() =>
        {
            Assert.That(((InvalidOutcome)result.Outcomes[0]).Errors.Single().Field, Is.EqualTo("list_id"));
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.Zero);
        });
    }

    [Test]
    public async Task A_failed_list_creation_fails_the_event_and_is_retried_by_the_next()
    {
        var client = new RecordingKlaviyoClient();
        client.CreateListGate = Task.FromException(RecordingKlaviyoClient.ApiError(HttpStatusCode.ServiceUnavailable, "unavailable", "/api/lists"));
        var destination = Destination(client);

        var first = await destination.SendAsync(SegmentEvent.Parse(Entered("a")));
        client.CreateListGate = null;
        var second = await destination.SendAsync(SegmentEvent.Parse(Entered("b")));

        Assert.Multiple(() =>
        {
            var failed = (FailedOutcome)first.Outcomes[0];
            Assert.That(failed.IsTransient, Is.True);
            Assert.That(failed.Message, Does.Contain("503"));
            Assert.That(second.Outcomes[0].Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(client.Count(nameof(IKlaviyoClient.CreateListAsync)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_mapping_with_its_own_list_does_not_look_up_or_create_audience_lists()
    {
        var client = new RecordingKlaviyoClient();
        var mapping = MappingDefinition.ForEvents("addProfileToList", mapping: System.Text.Json.JsonDocument.Parse("""{"list_id":"STATIC"}""").RootElement, useDefaults: true);
        var destination = new KlaviyoDestination(new DestinationConfiguration(new DestinationSettings(), [mapping]), client);

        await destination.SendAsync(SegmentEvent.Parse(Entered("jane")));

        Assert.Multiple(() =>
        {
            Assert.That(((AddProfileToListRequest)client.Sent.Single()).ListId, Is.EqualTo("STATIC"));
            Assert.That(client.Calls.Select(c => c.Method), Is.EqualTo(new[] { nameof(IKlaviyoClient.AddProfileToListAsync) }));
        });
    }

    [Test]
    public async Task A_user_property_audience_identify_is_sent_with_an_upsert_that_maps_traits()
    {
        const string identify = """
            {"type":"identify","userId":"u1","messageId":"m1","traits":{"email":"jane@example.com","order_completed_last_30days":true}}
            """;
        var client = new RecordingKlaviyoClient();
        var mapping = MappingDefinition.ForEvents(
            "upsertProfile",
            mapping: System.Text.Json.JsonDocument.Parse("""{"properties":{"order_completed_last_30days":{"@path":"$.traits.order_completed_last_30days"}}}""").RootElement,
            useDefaults: true);
        var destination = new KlaviyoDestination(new DestinationConfiguration(new DestinationSettings(), [mapping]), client);

        await destination.SendAsync(SegmentEvent.Parse(identify));

        RequestDump.AssertSame(
            new Dictionary<string, object?> { ["order_completed_last_30days"] = true },
            ((UpsertProfileRequest)client.Sent.Single()).Properties);
    }
}
