using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.Kit.Compiled;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// A mapping compiled once (what the destination and the default mappings use) resolves every event exactly as the
/// mapping-kit interpreter does: same values, same key order, same errors.
/// </summary>
public class CompiledMappingTests
{
    private const string Payload = """
        {
          "type": "track",
          "userId": "abc123",
          "event": "Order Completed",
          "traits": { "name": "Mr. Rogers", "email": "fred@example.com", "address": null, "empty": "", "zero": 0 },
          "context": { "traits": { "phone": "+14155550100" } },
          "properties": { "total": 30, "vip": true, "tags": ["a", "b"], "products": [ { "sku": "s1" }, { "sku": "s2" } ] }
        }
        """;

    private static readonly string[] Events =
    [
        Payload,
        TestEvents.JaneIdentify,
        TestEvents.SerenaWilliamsIdentify,
        TestEvents.ProductViewed,
        TestEvents.MonopolyUnoOrder,
        TestEvents.SpecOrder,
        """{"type":"identify","traits":{}}""",
    ];

    public static IEnumerable<TestCaseData> DefaultMappings() =>
        KlaviyoActionCatalog.All.Select(a => new TestCaseData(a.Slug).SetName("Default mapping of " + a.Slug));

    [TestCaseSource(nameof(DefaultMappings))]
    public void DefaultMappingsResolveAsTheInterpreterDoes(string slug)
    {
        var action = KlaviyoActionCatalog.Get(slug);
        foreach (string json in Events)
        {
            AssertSame(action.DefaultMapping, Parse(json));
        }
    }

    [TestCase("""{"v":{"@path":"$.traits.email"},"w":{"@path":"traits.name"},"x":{"@path":"$.nope.deeper"}}""")]
    [TestCase("""{"v":{"@path":"$.traits.address"},"n":{"@path":"$.properties.products[1].sku"},"a":{"@path":"$.properties.tags.0"}}""")]
    [TestCase("""{"v":"literal","n":42,"b":true,"z":null,"o":{"nested":{"@path":"$.userId"}}}""")]
    [TestCase("""{"v":{"@path":"$.userId"},"v":{"@path":"$.missing"}}""")]
    [TestCase("""{"v":{"@path":"$.missing"},"v":{"@path":"$.userId"}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.email"},"then":"yes","else":"no"}}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.address"},"then":"yes","else":"no"}}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.nothing"},"then":"yes"}}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.nothing"},"then":"yes","else":""}}}""")]
    [TestCase("""{"v":{"@if":{"blank":{"@path":"$.traits.empty"},"then":"yes","else":"no"}}}""")]
    [TestCase("""{"v":{"@if":{"blank":{"@path":"$.traits.name"},"then":{"@path":"$.traits.name"},"else":"no"}}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.zero"},"blank":{"@path":"$.traits.empty"},"then":1,"else":2}}}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.name"},"exists":{"@path":"$.traits.nothing"},"then":1,"else":2}}}""")]
    [TestCase("""{"v":{"@path":"$.traits.email","_metadata":{"x":1}}}""")]
    [TestCase("""{"v":{"@template":"Hi {{traits.name}}"},"w":[{"@path":"$.userId"},{"@path":"$.missing"}]}""")]
    [TestCase("""{"v":{"@path":{"@template":"$.traits.{{properties.vip}}"}}}""")]
    [TestCase("""{}""")]
    public void ResolvesAsTheInterpreterDoes(string mapping) => AssertSame(Parse(mapping), Parse(Payload));

    [TestCase("""{"v":{"@if":{"then":"yes"}}}""")]
    [TestCase("""{"v":{"@if":"not an object"}}""")]
    [TestCase("""{"v":{"@if":{"exists":false,"then":"yes"}}}""")]
    [TestCase("""{"a":{"b":{"@path":42}}}""")]
    [TestCase("""{"a":{"@unknown":1}}""")]
    [TestCase("""{"a":{"@if":{"exists":{"@path":"$.userId"},"then":{"@path":7}}}}""")]
    public void FailsWithTheInterpretersError(string mapping)
    {
        var expected = Assert.Throws<MappingEvaluationException>(() => MappingKit.Evaluate(Parse(mapping), Parse(Payload)))!;
        var actual = Assert.Throws<MappingEvaluationException>(() => CompiledMapping.Compile(Parse(mapping)).Evaluate(Parse(Payload)))!;
        Assert.Multiple(() =>
        {
            Assert.That(actual.Path, Is.EqualTo(expected.Path));
            Assert.That(actual.Message, Is.EqualTo(expected.Message));
        });
    }

    [Test]
    public void RejectsANonObjectMappingOrPayloadAsTheInterpreterDoes()
    {
        Assert.Throws<ArgumentException>(() => CompiledMapping.Compile(Parse("[1]")).Evaluate(Parse(Payload)));
        Assert.Throws<ArgumentException>(() => CompiledMapping.Compile(Parse("{}")).Evaluate(Parse("[1]")));
    }

    [Test]
    public void EveryEvaluationReturnsFreshNodes()
    {
        var compiled = CompiledMapping.Compile(Parse("""{"v":"literal","o":{"x":{"@path":"$.traits"}}}"""));
        var first = compiled.Evaluate(Parse(Payload));
        var second = compiled.Evaluate(Parse(Payload));
        ((JsonObject)first["o"]!["x"]!)["name"] = "changed";
        Assert.That(second["o"]!["x"]!["name"]!.GetValue<string>(), Is.EqualTo("Mr. Rogers"));
    }

    private static void AssertSame(JsonElement mapping, JsonElement payload)
    {
        var expected = MappingKit.Evaluate(mapping, payload);
        var actual = CompiledMapping.Compile(mapping).Evaluate(payload);
        Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), $"mapping {mapping}");
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
