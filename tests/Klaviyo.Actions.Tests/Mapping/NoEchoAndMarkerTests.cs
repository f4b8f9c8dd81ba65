using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// The forward direction's half of Klaviyo → Segment: messages whose <c>integrations</c> turn Klaviyo off are skipped
/// (no echo), and <c>mark_written_profiles</c> marks the profiles Upsert Profile writes.
/// </summary>
public class NoEchoAndMarkerTests
{
    private static SegmentEvent Identify(string integrations) => SegmentEvent.Parse($$"""
        {"type":"identify","messageId":"m-1","userId":"u-1","traits":{"email":"ada@example.org"},"integrations":{{integrations}}}
        """);

    [TestCase("""{"Klaviyo":false}""", true)]
    [TestCase("""{"Klaviyo (Actions)":false}""", true)]
    [TestCase("""{"All":false}""", true)]
    [TestCase("""{"All":false,"Klaviyo":true}""", false)]
    [TestCase("""{"All":false,"Klaviyo (Actions)":true}""", false)]
    [TestCase("""{"All":false,"Klaviyo":{"listId":"L1"}}""", false)]
    [TestCase("""{"All":true,"Klaviyo":false}""", true)]
    [TestCase("""{"Klaviyo":true,"Klaviyo (Actions)":false}""", true)]
    [TestCase("""{"Klaviyo":{"listId":"L1"}}""", false)]
    [TestCase("""{"Mixpanel":false}""", false)]
    [TestCase("""{"klaviyo":false}""", false)]
    [TestCase("""{}""", false)]
    public void Integrations_turn_the_destination_off_with_Segments_semantics(string integrations, bool disabled)
    {
        Assert.That(Identify(integrations).IsDisabledFor(["Klaviyo", "Klaviyo (Actions)"]), Is.EqualTo(disabled));
    }

    [Test]
    public void One_name_reads_only_that_name_and_All()
    {
        var e = Identify("""{"Klaviyo (Actions)":false}""");
        Assert.Multiple(() =>
        {
            Assert.That(e.IsDisabledFor("Klaviyo"), Is.False);
            Assert.That(e.IsDisabledFor("Klaviyo (Actions)"), Is.True);
            Assert.That(SegmentEvent.Parse("""{"type":"identify","userId":"u"}""").IsDisabledFor("Klaviyo"), Is.False, "no integrations object");
        });
    }

    [Test]
    public async Task A_message_turning_Klaviyo_off_is_skipped_by_every_event_mapping_and_nothing_is_sent()
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(
            new DestinationConfiguration(new DestinationSettings(), [
                MappingDefinition.ForEvents("upsertProfile", "Profiles"),
                MappingDefinition.ForEvents("trackEvent", "Tracks"),
                MappingDefinition.ForReverseEtl("upsertProfile", name: "Warehouse"),
            ]),
            client);

        var result = await destination.SendAsync(Identify("""{"Klaviyo":false,"Klaviyo (Actions)":false}"""));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, "skipped, not failed");
            Assert.That(result.Outcomes.Select(o => o.MappingName), Is.EqualTo(new[] { "Profiles", "Tracks" }), "Reverse ETL mappings do not route events");
            Assert.That(result.Outcomes.Cast<SkippedOutcome>().Select(o => o.Reason), Is.All.EqualTo(SkipReason.IntegrationDisabled));
            Assert.That(client.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task Classic_mode_skips_such_a_message_too()
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.ForClassic(new ClassicSettings { ListId = "L1" }), client);

        var result = await destination.SendAsync(Identify("""{"All":false}"""));

        var skipped = (SkippedOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(skipped.Reason, Is.EqualTo(SkipReason.IntegrationDisabled));
            Assert.That(skipped.Action, Is.EqualTo("identify"));
            Assert.That(client.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task The_same_message_without_the_marker_is_sent()
    {
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(new DestinationConfiguration(new DestinationSettings(), [MappingDefinition.ForEvents("upsertProfile")]), client);

        var result = await destination.SendAsync(Identify("""{"Mixpanel":false}"""));

        Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
        Assert.That(client.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Mark_written_profiles_adds_the_marker_to_every_upsert_and_keeps_the_mapped_properties()
    {
        var configuration = DestinationConfiguration.Parse("""
            {"settings":{"mark_written_profiles":true},
             "mappings":[{"action":"upsertProfile","mapping":{"email":{"@path":"$.traits.email"},"properties":{"plan":{"@path":"$.traits.plan"}}}}]}
            """);
        var client = new RecordingKlaviyoClient();

        var result = await new KlaviyoDestination(configuration, client).SendAsync(SegmentEvent.Parse(
            """{"type":"identify","userId":"u-1","traits":{"email":"ada@example.org","plan":"pro"}}"""));

        Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent), result.Outcomes.Single().ToString());
        var sent = (UpsertProfileRequest)client.Sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(configuration.Settings.MarkWrittenProfiles, Is.True);
            Assert.That(sent.Properties, Is.EquivalentTo(new Dictionary<string, object?>
            {
                ["plan"] = "pro",
                [KlaviyoProfileMarker.PropertyName] = KlaviyoProfileMarker.Value,
            }));
            Assert.That(configuration.Settings.ToString(), Does.Contain("MarkWrittenProfiles = True"));
        });
    }

    [Test]
    public async Task Without_the_setting_upserts_carry_no_marker()
    {
        var configuration = DestinationConfiguration.Parse("""{"mappings":[{"action":"upsertProfile"}]}""");
        var client = new RecordingKlaviyoClient();

        await new KlaviyoDestination(configuration, client).SendAsync(SegmentEvent.Parse(TestEvents.JaneIdentify));

        var sent = (UpsertProfileRequest)client.Sent.Single();
        Assert.That(sent.Properties?.ContainsKey(KlaviyoProfileMarker.PropertyName) ?? false, Is.False);
    }

    [Test]
    public void The_marker_is_recognised_only_with_its_exact_value()
    {
        static KlaviyoProfile With(string json) => new()
        {
            Id = "P1",
            Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!,
        };

        Assert.Multiple(() =>
        {
            Assert.That(KlaviyoProfileMarker.IsMarked(With("""{"klaviyo_actions_source":"segment"}""")), Is.True);
            Assert.That(KlaviyoProfileMarker.IsMarked(With("""{"klaviyo_actions_source":"Segment"}""")), Is.False);
            Assert.That(KlaviyoProfileMarker.IsMarked(With("""{"klaviyo_actions_source":true}""")), Is.False);
            Assert.That(KlaviyoProfileMarker.IsMarked(With("""{}""")), Is.False);
        });
    }
}
