using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.Engage;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// The Engage event handed to list mappings carries the resolved list in <c>context.personas.external_audience_id</c>.
/// It is written in one pass; these cases pin it to what a node-tree rewrite gives (set the key on the object a
/// reader resolves, JSON's later-wins rule for repeated keys), compared as JSON values.
/// </summary>
public class AudienceListIdWriterTests
{
    private static IEnumerable<TestCaseData> Events()
    {
        yield return Case("no external id yet", """{"context":{"personas":{"computation_key":"vip","computation_id":"aud_1"}},"properties":{"vip":true}}""");
        yield return Case("an external id is replaced where it stands", """{"context":{"personas":{"external_audience_id":"OLD123","computation_key":"vip"},"ip":"1.2.3.4"},"timestamp":"2026-11-02T10:00:00Z"}""");
        yield return Case("other context fields and nesting are kept", """{"context":{"traits":{"email":"a@b.test","n":[1,2.50,-0,1e3]},"personas":{"audience_settings":{"listId":"L1"},"computation_key":"k"}},"properties":{"x":{"y":[{"z":null}]}}}""");
        yield return Case("unicode and escapes", """{"context":{"personas":{"computation_key":"caf\u00e9 \"q\" \\ /","x":"\ud83d\ude00"}},"properties":{"Ent\u00e9red":1}}""");
        yield return Case("a repeated external id", """{"context":{"personas":{"external_audience_id":"A","computation_key":"k","external_audience_id":"B"}}}""");
        yield return Case("a repeated personas: the later one is read", """{"context":{"personas":{"computation_key":"first"},"personas":{"computation_key":"second"}}}""");
        yield return Case("a repeated context: the later one is read", """{"context":{"personas":{"computation_key":"first"}},"messageId":"m1","context":{"personas":{"computation_key":"second"},"page":{}}}""");
    }

    /// <summary>A track event whose other fields are <paramref name="fields"/> (an object's members).</summary>
    private static TestCaseData Case(string name, string fields) =>
        new TestCaseData("""{"type":"track","event":"Audience Entered","userId":"u1",""" + fields[1..]).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Events))]
    public void The_list_id_lands_where_a_node_rewrite_puts_it_and_nothing_else_changes(string json)
    {
        // Repeated keys: events from hooks or Reverse ETL are not parsed, and may hold them (parsing refuses them).
        var segmentEvent = SegmentEvent.FromCheckedJson(JsonDocument.Parse(json).RootElement.Clone());

        var written = EngageAudience.WithListId(segmentEvent, "Xy12Ab");

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(Normalized(written.Json), NodeRewrite(segmentEvent.Json, "Xy12Ab")), Is.True, written.Json.GetRawText());
            Assert.That(
                written.Json.GetProperty("context").GetProperty("personas").GetProperty("external_audience_id").GetString(),
                Is.EqualTo("Xy12Ab"),
                "the property a reader resolves");
            Assert.That(EngageAudience.TryRead(written)!.ExternalAudienceId, Is.EqualTo("Xy12Ab"));
        });
    }

    [Test]
    public void The_copy_outlives_the_next_rewrite_on_the_same_thread()
    {
        var first = EngageAudience.WithListId(SegmentEvent.Parse("""{"type":"track","event":"Audience Entered","context":{"personas":{"computation_key":"a"}}}"""), "AAAAAA");
        var second = EngageAudience.WithListId(SegmentEvent.Parse("""{"type":"track","event":"Audience Entered","context":{"personas":{"computation_key":"b","pad":"%s"}}}""".Replace("%s", new string('x', 100_000), StringComparison.Ordinal)), "BBBBBB");

        Assert.Multiple(() =>
        {
            Assert.That(EngageAudience.TryRead(first)!.ExternalAudienceId, Is.EqualTo("AAAAAA"));
            Assert.That(EngageAudience.TryRead(first)!.Key, Is.EqualTo("a"));
            Assert.That(EngageAudience.TryRead(second)!.Key, Is.EqualTo("b"));
        });
    }

    /// <summary>The event as a node tree with repeated keys resolved later-wins (first position), as JSON.parse does.</summary>
    private static JsonNode? Normalized(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(Normalized).ToArray()),
        _ => JsonValue.Create(element.Clone()),
    };

    private static JsonObject ToObject(JsonElement element)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = Normalized(property.Value);
        }

        return result;
    }

    private static JsonNode NodeRewrite(JsonElement json, string listId)
    {
        var root = Normalized(json)!.AsObject();
        root["context"]!["personas"]!["external_audience_id"] = listId;
        return root;
    }
}
