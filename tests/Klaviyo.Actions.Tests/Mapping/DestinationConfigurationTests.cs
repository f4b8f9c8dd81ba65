using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Loading settings and mappings from JSON in Segment's shape.</summary>
public class DestinationConfigurationTests
{
    [Test]
    public void Loads_the_documented_shape_with_defaults_merge_and_as_given_mappings()
    {
        const string json = """
            {
              "settings": { "api_key": "pk_secret_123" },
              "mappings": [
                { "name": "Identify", "action": "upsertProfile", "trigger": "type = \"identify\"", "enabled": true,
                  "mapping": { "list_id": "XyZ123", "external_id": { "@path": "$.userId" } }, "useDefaults": true },
                { "name": "Orders", "action": "orderCompleted" },
                { "name": "Saved", "action": "trackEvent", "enabled": false,
                  "mapping": { "profile": { "email": { "@path": "$.traits.email" } }, "metric_name": { "@path": "$.event" }, "properties": { "@path": "$.properties" } } }
              ]
            }
            """;

        var configuration = DestinationConfiguration.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.ApiKey, Is.EqualTo("pk_secret_123"));
            Assert.That(configuration.Settings.ToString(), Does.Not.Contain("pk_secret"));
            Assert.That(configuration.ToString(), Does.Not.Contain("pk_secret"));
            Assert.That(configuration.Mappings.Select(m => m.Name), Is.EqualTo(new[] { "Identify", "Orders", "Saved" }));

            var identify = configuration.Mappings[0].Mapping;
            Assert.That(identify.GetProperty("list_id").GetString(), Is.EqualTo("XyZ123"));
            Assert.That(identify.GetProperty("email").GetProperty("@path").GetString(), Is.EqualTo("$.traits.email"));
            Assert.That(identify.GetProperty("external_id").GetProperty("@path").GetString(), Is.EqualTo("$.userId"));

            var orders = configuration.Mappings[1];
            Assert.That(orders.Trigger!.Expression, Is.EqualTo("type = \"track\" and event = \"Order Completed\""));
            Assert.That(orders.Mapping.GetRawText(), Is.EqualTo(orders.Action.DefaultMapping.GetRawText()));

            var saved = configuration.Mappings[2];
            Assert.That(saved.Enabled, Is.False);
            Assert.That(saved.Mapping.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "profile", "metric_name", "properties" }));
        });
    }

    [Test]
    public void Use_defaults_merges_profile_sub_fields_and_null_removes_a_default()
    {
        const string json = """
            { "mappings": [ { "action": "trackEvent", "useDefaults": true,
                "mapping": { "profile": { "email": { "@path": "$.context.traits.email" }, "anonymous_id": null }, "value": { "@path": "$.properties.revenue" } } } ] }
            """;
        var client = new RecordingKlaviyoClient();
        var destination = new KlaviyoDestination(DestinationConfiguration.Parse(json), client);

        var result = destination.SendAsync(SegmentEvent.Parse(TestEvents.ProductViewed)).GetAwaiter().GetResult();

        Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
        var sent = (TrackEventRequest)client.Sent.Single();
        RequestDump.AssertSame(new EventProfile { Email = "jane@example.com", ExternalId = "user-123" }, sent.Profile);
        Assert.That(sent.Value, Is.EqualTo(49.99m));
    }

    [Test]
    public void Accepts_segment_public_api_spellings_and_ignores_unknown_keys()
    {
        const string json = """
            {
              "subscriptions": [
                { "id": "sub_1", "actionId": "abc", "actionSlug": "trackEvent", "destinationId": "d1", "name": "Track Calls",
                  "subscribe": "type = \"track\" and event != \"Order Completed\"", "modelId": null,
                  "settings": { "profile": { "external_id": { "@path": "$.userId" } }, "metric_name": { "@path": "$.event" }, "properties": { "@path": "$.properties" } } }
              ]
            }
            """;

        var mapping = DestinationConfiguration.Parse(json).Mappings.Single();

        Assert.Multiple(() =>
        {
            Assert.That(mapping.Action.Slug, Is.EqualTo("trackEvent"));
            Assert.That(mapping.Name, Is.EqualTo("Track Calls"));
            Assert.That(mapping.Trigger!.Expression, Is.EqualTo("type = \"track\" and event != \"Order Completed\""));
            Assert.That(mapping.Mapping.TryGetProperty("metric_name", out _), Is.True);
        });
    }

    [Test]
    public void Reports_every_problem_with_its_location()
    {
        const string json = """
            {
              "settings": { "api_key": 42 },
              "mappings": [
                { "action": "upsertProfiles" },
                { "action": "trackEvent", "trigger": "type = \"track\" and" },
                { "action": "trackEvent", "enabled": "yes" },
                { "action": "upsertProfile", "mapping": { "email": { "@pathh": "$.traits.email" } } },
                { "action": "trackEvent", "mapping": [] },
                { "trigger": "type = \"track\"" },
                "not a mapping"
              ]
            }
            """;

        var error = Assert.Throws<DestinationConfigurationException>(() => DestinationConfiguration.Parse(json));

        Assert.That(error!.Problems.Select(p => p.ToString()), Is.EquivalentTo(new[]
        {
            "settings.api_key: must be a string",
            "mappings[0].action: unknown action \"upsertProfiles\"; known actions: upsertProfile, trackEvent, orderCompleted, subscribeProfile, unsubscribeProfile, addProfileToList, removeProfileFromList, removeProfile",
            "mappings[1].trigger: Trigger syntax error at position 18: expected a condition but found end of input",
            "mappings[2].enabled: must be true or false",
            "mappings[3].mapping/email: has an invalid directive: @pathh",
            "mappings[4].mapping: must be an object of Segment field keys",
            "mappings[5].action: is required (a Segment action slug such as upsertProfile)",
            "mappings[6]: must be an object",
        }));
        Assert.That(error.Message, Does.Not.Contain("42"));
    }

    [Test]
    public void More_than_fifty_mappings_are_refused()
    {
        string json = "{\"mappings\":[" + string.Join(",", Enumerable.Repeat("{\"action\":\"trackEvent\"}", 51)) + "]}";

        var error = Assert.Throws<DestinationConfigurationException>(() => DestinationConfiguration.Parse(json));
        Assert.That(error!.Problems.Single().ToString(), Is.EqualTo("mappings: a destination holds at most 50 mappings; got 51"));

        Assert.Throws<ArgumentException>(() => _ = new DestinationConfiguration(new DestinationSettings(), Enumerable.Range(0, 51).Select(_ => MappingDefinition.ForEvents("trackEvent"))));
        Assert.That(DestinationConfiguration.Parse("{\"mappings\":[" + string.Join(",", Enumerable.Repeat("{\"action\":\"trackEvent\"}", 50)) + "]}").Mappings, Has.Count.EqualTo(50));
    }

    [Test]
    public void Invalid_json_is_a_configuration_error()
    {
        var error = Assert.Throws<DestinationConfigurationException>(() => DestinationConfiguration.Parse("{ \"mappings\": [ }"));
        Assert.That(error!.Problems.Single().Path, Is.EqualTo("$"));
        Assert.That(error.Problems.Single().Message, Does.StartWith("not valid JSON"));
    }

    [Test]
    public void A_trigger_that_never_matches_loads_with_a_warning()
    {
        var configuration = DestinationConfiguration.Parse("""{"mappings":[{"name":"Pasted","action":"removeProfile","trigger":"type = \"Identify\"","mapping":{"list_id":"L"}}]}""");

        Assert.That(configuration.Warnings.Single(), Does.StartWith("Pasted: type is compared with \"Identify\""));
    }

    [Test]
    public void Reverse_etl_mappings_load_change_types_and_hooks_and_follow_segments_table()
    {
        const string json = """
            {
              "mappings": [
                { "action": "upsertProfile", "changeTypes": ["added", "updated"],
                  "hooks": { "retlOnMappingSave": { "inputs": { "list_name": "Warehouse VIPs" } } } },
                { "action": "removeProfile", "mapping": { "list_id": "L1", "email": { "@path": "$.properties.email" } } , "changeTypes": ["deleted"] },
                { "action": "unsubscribeProfile", "changeTypes": ["deleted"] }
              ]
            }
            """;

        var configuration = DestinationConfiguration.Parse(json);

        Assert.Multiple(() =>
        {
            Assert.That(configuration.Mappings[0].ChangeTypes, Is.EqualTo(new[] { ReverseEtlChangeType.Added, ReverseEtlChangeType.Updated }));
            Assert.That(configuration.Mappings[0].ListHook, Is.EqualTo(StaticListHook.Named("Warehouse VIPs")));
            Assert.That(configuration.Mappings[1].ChangeTypes, Is.EqualTo(new[] { ReverseEtlChangeType.Deleted }));
            Assert.That(configuration.Mappings[1].Trigger, Is.Null);
        });
    }

    [TestCase("""{"action":"trackEvent","changeTypes":["updated"]}""", "trackEvent supports Reverse ETL change types Added; not Updated.")]
    [TestCase("""{"action":"unsubscribeProfile","changeTypes":[]}""", "unsubscribeProfile supports Reverse ETL change types Added, Deleted; not none.")]
    [TestCase("""{"action":"addProfileToList","changeTypes":["added"]}""", "addProfileToList is not a Reverse ETL action in Segment's table.")]
    [TestCase("""{"action":"upsertProfile","changeTypes":["removed"]}""", "each change type must be \"added\", \"updated\" or \"deleted\"")]
    [TestCase("""{"action":"trackEvent","trigger":"type = \"track\"","changeTypes":["added"]}""", "has both a trigger (events) and changeTypes (Reverse ETL); give one")]
    [TestCase("""{"action":"trackEvent","hooks":{"retlOnMappingSave":{"inputs":{"list_name":"X"}}}}""", "The \"connect to a static list\" hook exists only on upsertProfile.")]
    [TestCase("""{"action":"upsertProfile","hooks":{"retlOnMappingSave":{"inputs":{}}}}""", "needs inputs.list_identifier, inputs.list_name or outputs.id")]
    public void Reverse_etl_problems_are_reported(string mapping, string message)
    {
        var error = Assert.Throws<DestinationConfigurationException>(() => DestinationConfiguration.Parse($$"""{"mappings":[{{mapping}}]}"""));
        Assert.That(error!.Problems.Single().Message, Is.EqualTo(message));
    }

    [Test]
    public void A_saved_hook_output_is_used_as_an_existing_list()
    {
        var configuration = DestinationConfiguration.Parse("""{"mappings":[{"action":"upsertProfile","hooks":{"retlOnMappingSave":{"outputs":{"id":"XYZABC","name":"Test Audience"}}}}]}""");
        Assert.That(configuration.Mappings.Single().ListHook, Is.EqualTo(StaticListHook.Existing("XYZABC")));
    }

    [Test]
    public void Classic_mode_reads_the_classic_settings_keys()
    {
        var configuration = DestinationConfiguration.Parse("""
            {"mode":"classic","settings":{"apiKey":"pub","privateKey":"pk_private","listId":"baV129","confirmOptin":false,"enforceEmail":false,"sendAnonymous":true,"useSegmentSpec":false}}
            """);

        Assert.Multiple(() =>
        {
            var classic = configuration.Classic!;
            Assert.That(configuration.ApiKey, Is.EqualTo("pk_private"));
            Assert.That((classic.ListId, classic.ConfirmOptin, classic.EnforceEmail, classic.SendAnonymous, classic.UseSegmentSpec), Is.EqualTo(("baV129", false, false, true, false)));
            Assert.That(classic.ToString(), Does.Not.Contain("pk_private"));
            Assert.That(new ClassicSettings(), Has.Property(nameof(ClassicSettings.EnforceEmail)).True.And.Property(nameof(ClassicSettings.ConfirmOptin)).True.And.Property(nameof(ClassicSettings.UseSegmentSpec)).True);
        });

        var error = Assert.Throws<DestinationConfigurationException>(() => DestinationConfiguration.Parse("""{"mode":"classic","mappings":[{"action":"trackEvent"}]}"""));
        Assert.That(error!.Problems.Single().Path, Is.EqualTo("mappings"));
    }

    [Test]
    public async Task Loads_from_a_stream()
    {
        using var stream = new MemoryStream("""{"settings":{"api_key":"k"},"mappings":[{"action":"trackEvent"}]}"""u8.ToArray());
        var configuration = await DestinationConfiguration.LoadAsync(stream);
        Assert.That(configuration.Mappings.Single().Action.Slug, Is.EqualTo("trackEvent"));
    }

    [Test]
    public void Programmatic_definitions_check_their_arguments()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentException>(() => MappingDefinition.ForEvents("nope"));
            Assert.Throws<TriggerSyntaxException>(() => MappingDefinition.ForEvents("trackEvent", trigger: "type ="));
            Assert.Throws<ArgumentException>(() => MappingDefinition.ForReverseEtl("trackEvent", [ReverseEtlChangeType.Deleted]));
            Assert.Throws<ArgumentException>(() => MappingDefinition.ForEvents("trackEvent", listHook: StaticListHook.Existing("L")));
            Assert.That(MappingDefinition.ForEvents("trackEvent", mapping: JsonDocument.Parse("""{"x":{"@nope":1}}""").RootElement).Validate(), Has.Count.EqualTo(1));
        });
    }
}
