using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Reading real Segment JSON: typed spec fields, raw JSON kept, unknown fields tolerated.</summary>
public class SegmentEventTests
{
    [Test]
    public void Reads_the_spec_fields_of_a_track_call()
    {
        var segmentEvent = SegmentEvent.Parse(TestEvents.ProductViewed);

        Assert.Multiple(() =>
        {
            Assert.That(segmentEvent.Type, Is.EqualTo(SegmentEventType.Track));
            Assert.That(segmentEvent.TypeName, Is.EqualTo("track"));
            Assert.That(segmentEvent.Event, Is.EqualTo("Product Viewed"));
            Assert.That(segmentEvent.UserId, Is.EqualTo("user-123"));
            Assert.That(segmentEvent.AnonymousId, Is.EqualTo("anon-456"));
            Assert.That(segmentEvent.MessageId, Is.EqualTo("msg-track-1"));
            Assert.That(segmentEvent.Timestamp, Is.EqualTo(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)));
            Assert.That(segmentEvent.Properties!.Value.GetProperty("price").GetDecimal(), Is.EqualTo(49.99m));
            Assert.That(segmentEvent.Context!.Value.GetProperty("traits").GetProperty("email").GetString(), Is.EqualTo("jane@example.com"));
            Assert.That(segmentEvent.Traits, Is.Null);
        });
    }

    [TestCase("identify", SegmentEventType.Identify)]
    [TestCase("page", SegmentEventType.Page)]
    [TestCase("screen", SegmentEventType.Screen)]
    [TestCase("group", SegmentEventType.Group)]
    [TestCase("alias", SegmentEventType.Alias)]
    [TestCase("Identify", SegmentEventType.Identify)]
    public void Reads_every_call_type(string type, SegmentEventType expected) =>
        Assert.That(SegmentEvent.Parse($$"""{"type":"{{type}}","userId":"u"}""").Type, Is.EqualTo(expected));

    [Test]
    public void Reads_page_group_and_alias_fields_and_numeric_ids()
    {
        var page = SegmentEvent.Parse("""{"type":"page","name":"Home","userId":12345,"properties":{"path":"/"}}""");
        var group = SegmentEvent.Parse("""{"type":"group","groupId":987,"userId":"u","traits":{"name":"Acme"}}""");
        var alias = SegmentEvent.Parse("""{"type":"alias","previousId":"anon-1","userId":"u"}""");

        Assert.Multiple(() =>
        {
            Assert.That((page.Name, page.UserId), Is.EqualTo(("Home", "12345")));
            Assert.That(group.GroupId, Is.EqualTo("987"));
            Assert.That(group.Traits!.Value.GetProperty("name").GetString(), Is.EqualTo("Acme"));
            Assert.That(alias.PreviousId, Is.EqualTo("anon-1"));
        });
    }

    [Test]
    public void Keeps_unknown_fields_in_the_raw_json_for_mappings()
    {
        var segmentEvent = SegmentEvent.Parse("""{"type":"track","event":"E","userId":"u","custom":{"deep":[1,2]},"channel":"server","properties":null}""");
        var mapped = MappingKit.Evaluate(JsonDocument.Parse("""{"v":{"@path":"$.custom.deep[1]"},"c":{"@path":"$.channel"}}""").RootElement, segmentEvent.Json);

        Assert.Multiple(() =>
        {
            Assert.That(mapped.ToJsonString(), Is.EqualTo("""{"v":2,"c":"server"}"""));
            Assert.That(segmentEvent.Properties, Is.Null);
        });
    }

    [Test]
    public void Events_can_be_built_from_nodes_and_elements_and_are_independent_copies()
    {
        var node = new JsonObject { ["type"] = "identify", ["userId"] = "u", ["traits"] = new JsonObject { ["email"] = "a@b.com" } };
        var fromNode = SegmentEvent.FromJson(node);
        node["userId"] = "changed";
        using var document = JsonDocument.Parse("""{"type":"identify","userId":"u2"}""");
        var fromElement = SegmentEvent.FromJson(document.RootElement);
        document.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(fromNode.UserId, Is.EqualTo("u"));
            Assert.That(fromElement.Json.GetProperty("userId").GetString(), Is.EqualTo("u2"));
        });
    }

    [Test]
    public void ToString_shows_no_personal_data()
    {
        var segmentEvent = SegmentEvent.Parse(TestEvents.JaneIdentify);

        Assert.That(segmentEvent.ToString(), Is.EqualTo("Segment identify (messageId msg-identify-1)"));
    }

    [Test]
    public void TryParse_gives_the_typed_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SegmentEvent.TryParse("""{"type":"track"}""", out var none, out var error), Is.False);
            Assert.That(none, Is.Null);
            Assert.That((error!.Field, error.Rule), Is.EqualTo(("event", "required")));
            Assert.That(error.ToValidationError(), Is.EqualTo(new KlaviyoValidationError("event.event", "required", error.Message)));
            Assert.That(SegmentEvent.TryParse(null, out _, out var missing), Is.False);
            Assert.That(missing!.Rule, Is.EqualTo("required"));
        });
    }
}
