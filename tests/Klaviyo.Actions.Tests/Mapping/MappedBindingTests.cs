using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.Kit.Compiled;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// The compiled mapping path (slots and event elements, no node tree: what the destination and the default
/// mappings use) maps every event exactly as the interpreter's node path does: the same action (values, CLR types,
/// dictionary key order, absent vs null), the same errors (field, rule, message), dispatch options and cleaned payload.
/// </summary>
public class MappedBindingTests
{
    private const string Tricky = """
        {
          "type": "track",
          "event": "Order Completed",
          "messageId": "m-1",
          "timestamp": "2024-05-01T12:00:00.000Z",
          "userId": "u-1",
          "anonymousId": "",
          "traits": { "email": "a@example.com", "phone": "", "name": null, "n": 12.50, "big": 12345678901234567890, "t": true,
                      "one": ["x"], "oneObj": [{"a": 1}], "address": { "city": "", "state": null, "street": { "x": 1 }, "zip": 94107 } },
          "context": { "traits": { "phone": "+14155550100", "email": "" } },
          "properties": {
            "total": 30, "empty": "", "nil": null, "vip": true, "tags": ["a", "", null, "b"],
            "nested": { "a": null, "b": "", "c": { "d": null, "e": 1 }, "f": [ { "g": "" } ] },
            "dup": 1, "dup": 2, "dupNull": 1, "mid": 0, "dupNull": null,
            "products": [ { "sku": "s1", "price": "9.5", "quantity": 2, "x": null }, { "product_id": 7, "name": "" }, null, "" ],
            "eventName": "", "value": "12.5", "when": 1714564800
          }
        }
        """;

    private static readonly string[] Events =
    [
        Tricky,
        TestEvents.JaneIdentify,
        TestEvents.SerenaWilliamsIdentify,
        TestEvents.ProductViewed,
        TestEvents.MonopolyUnoOrder,
        TestEvents.SpecOrder,
        TestEvents.UserSubscribed,
        TestEvents.AudienceEntered,
        """{"type":"identify","traits":{}}""",
        """{"type":"track","event":"x","properties":{"dup":{"a":1},"dup":{"b":null}}}""",
        """
        {"type":"track","event":"Order Completed","userId":"u","properties":{"products":[
          {"product_id":7,"id":"i","productId":"p","price":"9.5","quantity":{"a":1},"url":["u"],"x":{"y":null,"z":1},"sku":"a","sku":"b","extra":1,"extra":2,"imageUrl":false},
          {"price":1e400,"name":true,"id":12.50,"brand":["b"],"productUrl":"pu","image_url":"iu","variant":-0}]}}
        """,
    ];

    /// <summary>Mappings per action that reach every branch: literals, empty and null values, nested and declared
    /// objects, element objects and arrays where scalars are expected, coercions, batching fields, hook-free lists.</summary>
    private static readonly (string Slug, string Mapping)[] Mappings =
    [
        ("upsertProfile", """{"email":{"@path":"$.traits.email"},"phone_number":{"@path":"$.traits.phone"},"external_id":{"@path":"$.traits.n"},"first_name":{"@path":"$.traits.name"},"last_name":"","title":{"@path":"$.traits.one"},"organization":{"@path":"$.traits.t"},"image":{"@path":"$.traits.big"}}"""),
        ("upsertProfile", """{"external_id":"x","location":{"city":{"@path":"$.traits.address.city"},"region":{"@path":"$.traits.address.state"},"zip":{"@path":"$.traits.address.zip"},"other":{"@path":"$.traits.address.street"}}}"""),
        ("upsertProfile", """{"external_id":"x","location":{"@path":"$.traits.address"},"properties":{"@path":"$.properties.nested"}}"""),
        ("upsertProfile", """{"external_id":"x","location":{"address1":{"@path":"$.traits.address.street"}}}"""),
        ("upsertProfile", """{"external_id":"x","location":{"@path":"$.properties.tags"},"properties":{"@path":"$.properties.tags"}}"""),
        ("upsertProfile", """{"external_id":"x","properties":{"a":{"@path":"$.properties.nested"},"b":{"@path":"$.properties.empty"},"c":null,"d":{"@path":"$.properties.tags"},"e":{"@path":"$.properties.total"}}}"""),
        ("upsertProfile", """{"external_id":"x","properties":{"@path":"$.properties"},"enable_batching":true,"batch_size":{"@path":"$.properties.total"},"batch_keys":{"@path":"$.properties.tags"}}"""),
        ("upsertProfile", """{"external_id":"x","enable_batching":"true","batch_size":"500","override_list_id":{"@path":"$.properties.total"},"list_id":"L"}"""),
        ("upsertProfile", """{"email":{"@if":{"exists":{"@path":"$.traits.phone"},"then":"yes","else":{"@path":"$.context.traits.phone"}}},"external_id":{"@if":{"blank":{"@path":"$.anonymousId"},"then":"b","else":"nb"}}}"""),
        ("upsertProfile", """{"email":{"@template":"{{traits.email}}"},"external_id":{"@path":"$.properties.nested"}}"""),
        ("trackEvent", """{"profile":{"email":{"@path":"$.traits.email"},"phone_number":{"@path":"$.traits.phone"},"extra":{"@path":"$.properties.nested"},"blank":"","nil":null,"list":{"@path":"$.properties.tags"}},"metric_name":{"@path":"$.event"},"properties":{"@path":"$.properties"},"time":{"@path":"$.properties.when"},"value":{"@path":"$.properties.value"},"unique_id":{"@path":"$.messageId"}}"""),
        ("trackEvent", """{"profile":{"@path":"$.traits"},"metric_name":{"@path":"$.traits.t"},"properties":{"@path":"$.properties.tags"},"time":{"@path":"$.traits.email"},"value":{"@path":"$.traits.email"}}"""),
        ("trackEvent", """{"profile":{"@path":"$.properties.tags"},"metric_name":"m","properties":{"x":{"@path":"$.properties.dup"}}}"""),
        ("trackEvent", """{"profile":{"external_id":{"@path":"$.userId"}},"metric_name":{"@path":"$.event"},"properties":{"@path":"$.properties"},"enable_batching":{"@path":"$.traits.t"},"batch_size":5}"""),
        ("orderCompleted", """{"profile":{"email":{"@path":"$.traits.email"}},"properties":{"@path":"$.properties"},"products":{"@path":"$.properties.products"},"value":{"@path":"$.properties.total"},"event_name":{"@path":"$.properties.eventName"}}"""),
        ("orderCompleted", """{"profile":{"email":{"@path":"$.traits.email"}},"properties":{"@path":"$.properties"},"products":{"@path":"$.properties.nested"}}"""),
        ("orderCompleted", """{"profile":{"email":{"@path":"$.traits.email"}},"properties":{"@path":"$.properties"},"products":{"sku":"one","price":{"@path":"$.properties.total"}}}"""),
        ("orderCompleted", """{"profile":{"email":{"@path":"$.traits.email"}},"properties":{"@path":"$.properties"},"products":{"@path":"$.traits.oneObj"}}"""),
        ("subscribeProfile", """{"email":{"@path":"$.traits.email"},"phone_number":{"@path":"$.context.traits.phone"},"list_id":"L","consented_at":{"@path":"$.timestamp"},"custom_source":{"@path":"$.properties.tags"}}"""),
        ("addProfileToList", """{"email":{"@path":"$.traits.email"},"list_id":{"@path":"$.properties.total"},"location":{"@path":"$.traits.address"},"properties":{"@path":"$.properties.nested"}}"""),
        ("removeProfileFromList", """{"email":{"@path":"$.traits.email"},"list_id":["L"]}"""),
    ];

    public static IEnumerable<TestCaseData> DefaultCases() =>
        KlaviyoActionCatalog.All.SelectMany(a => Events.Select((e, i) =>
            new TestCaseData(a.Slug, a.DefaultMapping.GetRawText(), e).SetName($"Default {a.Slug} over event {i}")));

    public static IEnumerable<TestCaseData> MappingCases() =>
        Mappings.SelectMany((m, mi) => Events.Select((e, i) =>
            new TestCaseData(m.Slug, m.Mapping, e).SetName($"Mapping {mi} ({m.Slug}) over event {i}")));

    [TestCaseSource(nameof(DefaultCases))]
    [TestCaseSource(nameof(MappingCases))]
    public void MapsAsTheNodePathDoes(string slug, string mapping, string json)
    {
        var action = KlaviyoActionCatalog.Get(slug);
        var mappingElement = JsonDocument.Parse(mapping).RootElement.Clone();
        var expected = KlaviyoActionMapper.Map(action, mappingElement, Event(json));
        var actual = KlaviyoActionMapper.Map(action, CompiledMapping.Compile(mappingElement), Event(json));

        Assert.Multiple(() =>
        {
            Assert.That(actual.Errors.Select(e => $"{e.Field}|{e.Rule}|{e.Message}"), Is.EqualTo(expected.Errors.Select(e => $"{e.Field}|{e.Rule}|{e.Message}")));
            Assert.That(actual.Dispatch, Is.EqualTo(expected.Dispatch));
            Assert.That(actual.IsValid, Is.EqualTo(expected.IsValid));
            Assert.That(RequestDump.Dump(actual.Action), Is.EqualTo(RequestDump.Dump(expected.Action)));
            Assert.That(KeyOrders(actual.Action), Is.EqualTo(KeyOrders(expected.Action)));
            Assert.That(actual.Payload.GetRawText(), Is.EqualTo(expected.Payload.GetRawText()));
        });
    }

    [TestCaseSource(nameof(DefaultCases))]
    [TestCaseSource(nameof(MappingCases))]
    public void MapsTheSameWhenTheSlotsGoBackToThePool(string slug, string mapping, string json)
    {
        // The destination does not keep the payload: the slot arrays are returned (cleared) as soon as the request is
        // bound, and the next mapping on this thread rents them again. The first request must not change.
        var action = KlaviyoActionCatalog.Get(slug);
        var compiled = CompiledMapping.Compile(JsonDocument.Parse(mapping).RootElement.Clone());
        var kept = KlaviyoActionMapper.Map(action, compiled, Event(json));

        var released = KlaviyoActionMapper.MapForDispatch(action, compiled, Event(json), hookListId: null);
        foreach (string other in Events)
        {
            KlaviyoActionMapper.MapForDispatch(action, compiled, Event(other), hookListId: null);
        }

        Assert.Multiple(() =>
        {
            Assert.That(released.Errors.Select(e => $"{e.Field}|{e.Rule}|{e.Message}"), Is.EqualTo(kept.Errors.Select(e => $"{e.Field}|{e.Rule}|{e.Message}")));
            Assert.That(released.Dispatch, Is.EqualTo(kept.Dispatch));
            Assert.That(RequestDump.Dump(released.Action), Is.EqualTo(RequestDump.Dump(kept.Action)));
            Assert.That(KeyOrders(released.Action), Is.EqualTo(KeyOrders(kept.Action)));
        });
    }

    [Test]
    public void TheTrickyEventReachesTheFallbacksItIsMeantFor()
    {
        // Guards the fixture: duplicate keys and removable values inside free-form objects must be present, or the
        // equivalence above would not cover the node-tree fallback of the element path.
        var action = KlaviyoActionCatalog.Get("trackEvent");
        var result = KlaviyoActionMapper.MapWithDefaults(action, Event(Tricky));
        var properties = ((TrackEventAction)result.Action!).Request.Properties!;
        // "empty", "nil" and "eventName" are removed; "dupNull" too (its last duplicate is null); "dup" keeps its first place.
        Assert.That(properties.Keys, Is.EqualTo(new[] { "total", "vip", "tags", "nested", "dup", "mid", "products", "value", "when" }));
        Assert.That(properties["dup"], Is.EqualTo(2L));
        Assert.That((IEnumerable<object?>)properties["tags"]!, Is.EqualTo(new object[] { "a", "b" }));
    }

    [Test]
    public void PayloadCanBeReadFromManyThreadsAtOnce()
    {
        var action = KlaviyoActionCatalog.Get("upsertProfile");
        var result = KlaviyoActionMapper.MapWithDefaults(action, Event(TestEvents.JaneIdentify));
        var texts = new string[8];
        Parallel.For(0, texts.Length, i => texts[i] = result.Payload.GetRawText());
        Assert.That(texts.Distinct().Count(), Is.EqualTo(1));
        Assert.That(texts[0], Does.Contain("\"email\""));
    }

    /// <summary>Every dictionary's keys in enumeration order (RequestDump sorts them).</summary>
    private static string KeyOrders(object? value)
    {
        var sb = new StringBuilder();
        Walk(sb, value, 0);
        return sb.ToString();
    }

    private static void Walk(StringBuilder sb, object? value, int depth)
    {
        if (value is null or string || depth > 12 || value.GetType().IsPrimitive || value is decimal or DateTimeOffset or Enum)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            sb.Append('{');
            foreach (DictionaryEntry entry in dictionary)
            {
                sb.Append(entry.Key).Append(',');
                Walk(sb, entry.Value, depth + 1);
            }

            sb.Append('}');
            return;
        }

        if (value is IEnumerable list)
        {
            foreach (var item in list)
            {
                Walk(sb, item, depth + 1);
            }

            return;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>))
        {
            if ((bool)type.GetProperty("HasValue")!.GetValue(value)!)
            {
                Walk(sb, type.GetProperty("Value")!.GetValue(value), depth + 1);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            Walk(sb, property.GetValue(value), depth + 1);
        }
    }

    /// <summary>
    /// The event as mappings see it, read without <see cref="SegmentEvent.Parse(string)"/>'s checks: the tricky event
    /// repeats keys, which parsing refuses but JSON handed on by hooks or Reverse ETL may still hold.
    /// </summary>
    private static SegmentEvent Event(string json) => SegmentEvent.FromCheckedJson(JsonDocument.Parse(json).RootElement.Clone());
}
