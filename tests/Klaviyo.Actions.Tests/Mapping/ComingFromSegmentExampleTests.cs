using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>The README's "Coming from Segment" example, run as written (with a recording client).</summary>
public class ComingFromSegmentExampleTests
{
    internal const string MappingFile = """
        {
          "settings": { "api_key": "pk_live_0123456789" },
          "mappings": [
            {
              "name": "Identify Calls",
              "action": "upsertProfile",
              "trigger": "type = \"identify\"",
              "enabled": true,
              "useDefaults": true,
              "mapping": {
                "external_id": { "@path": "$.userId" },
                "list_id": "WxYz12"
              }
            },
            {
              "name": "Track Calls",
              "action": "trackEvent",
              "trigger": "type = \"track\" and event != \"Order Completed\"",
              "enabled": true,
              "mapping": {
                "profile": {
                  "email": { "@path": "$.context.traits.email" },
                  "external_id": { "@path": "$.userId" },
                  "anonymous_id": { "@path": "$.anonymousId" }
                },
                "metric_name": { "@path": "$.event" },
                "properties": { "@path": "$.properties" },
                "time": { "@path": "$.timestamp" },
                "unique_id": { "@path": "$.messageId" },
                "enable_batching": true,
                "batch_size": 1000
              }
            },
            { "name": "Order Completed", "action": "orderCompleted" },
            { "name": "Audience Entered", "action": "addProfileToList" },
            { "name": "Audience Exited", "action": "removeProfileFromList" }
          ]
        }
        """;

    [Test]
    public async Task The_pasted_mapping_file_drives_the_destination()
    {
        var configuration = DestinationConfiguration.Parse(MappingFile);
        var client = new RecordingKlaviyoClient();
        client.AddList("LIST_ENG", "vip_customers");
        var destination = new KlaviyoDestination(configuration, client, null);
        string[] lines =
        [
            TestEvents.JaneIdentify.ReplaceLineEndings(" "),
            TestEvents.ProductViewed.ReplaceLineEndings(" "),
            TestEvents.SpecOrder.ReplaceLineEndings(" "),
            TestEvents.AudienceEntered.ReplaceLineEndings(" "),
            "{ this line is not an event }",
        ];

        var sent = new List<string>();
        await foreach (var result in destination.SendJsonAllAsync(ToAsync(lines)))
        {
            if (result.Error is not null)
            {
                sent.Add($"#{result.Index} unreadable: {result.Error.Rule}");
                continue;
            }

            sent.AddRange(result.Outcomes.OfType<SentOutcome>().Select(o => $"#{result.Index} {o.MappingName}"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(configuration.ApiKey, Is.EqualTo("pk_live_0123456789"));
            // Results stream in the order they become final (a batched track can end after a later unreadable line).
            Assert.That(sent.OrderBy(s => int.Parse(s[1..s.IndexOf(' ', StringComparison.Ordinal)])), Is.EqualTo(new[]
            {
                "#0 Identify Calls", "#1 Track Calls", "#2 Order Completed", "#3 Track Calls", "#3 Audience Entered", "#4 unreadable: json",
            }));
            var upsert = (UpsertProfileRequest)client.Sent[0];
            Assert.That((upsert.ExternalId, upsert.ListId, upsert.Email), Is.EqualTo(("user-123", "LIST_A", "jane@example.com")), "integrations.Klaviyo.listId overrides list_id");
            var track = (TrackEventRequest)client.Sent[1];
            Assert.That((track.Profile.Email, track.Profile.ExternalId, track.UniqueId), Is.EqualTo(("jane@example.com", "user-123", "msg-track-1")));
        });
    }

    private static async IAsyncEnumerable<string?> ToAsync(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            await Task.Yield();
            yield return line;
        }
    }
}
