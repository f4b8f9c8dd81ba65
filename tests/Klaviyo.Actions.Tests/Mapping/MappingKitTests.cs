using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Each mapping-kit directive, resolved as Segment resolves it.</summary>
public class MappingKitTests
{
    private const string Payload = """
        {
          "type": "track",
          "userId": "abc123",
          "event": "Order Completed",
          "traits": { "name": "Mr. Rogers", "email": "fred@example.com", "address": null, "empty": "" },
          "context": { "traits": { "phone": "+14155550100" } },
          "properties": {
            "neighborhood": "Latrobe",
            "noun": "neighbor",
            "total": 30,
            "vip": true,
            "quote": "Tom & Jerry's <b>",
            "tags": ["a", "b"],
            "products": [ { "sku": "s1", "price": 19 }, { "sku": "s2", "price": 3 } ],
            "address": { "city": "Paris", "geo": { "lat": 48.85 } },
            "Order Id": "o-1",
            "json": "{\"a\":1}"
          }
        }
        """;

    private static string Eval(string mapping, string payload = Payload) =>
        MappingKit.Evaluate(Parse(mapping), Parse(payload)).ToJsonString(Relaxed);

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [TestCase("""{"v":{"@path":"$.properties.neighborhood"}}""", """{"v":"Latrobe"}""")]
    [TestCase("""{"v":{"@path":"properties.neighborhood"}}""", """{"v":"Latrobe"}""")]
    [TestCase("""{"v":{"@path":"$.properties.products[1].sku"}}""", """{"v":"s2"}""")]
    [TestCase("""{"v":{"@path":"$.properties.products.0.price"}}""", """{"v":19}""")]
    [TestCase("""{"v":{"@path":"$.properties[\"Order Id\"]"}}""", """{"v":"o-1"}""")]
    [TestCase("""{"v":{"@path":"$.context.traits.phone"}}""", """{"v":"+14155550100"}""")]
    [TestCase("""{"v":{"@path":"$.properties.missing"}}""", """{}""")]
    [TestCase("""{"v":{"@path":"$.properties.neighborhood.deeper"}}""", """{}""")]
    [TestCase("""{"v":{"@path":"$.traits.address.city"}}""", """{"v":null}""")]
    [TestCase("""{"v":{"@path":"$.properties.address"}}""", """{"v":{"city":"Paris","geo":{"lat":48.85}}}""")]
    [TestCase("""{"v":{"@path":{"@template":"$.properties.{{properties.noun}}"}}}""", """{}""")]
    public void Path_reads_values_like_segment(string mapping, string expected) =>
        Assert.That(Eval(mapping), Is.EqualTo(expected));

    [Test]
    public void Path_of_the_root_returns_the_whole_event()
    {
        var result = MappingKit.Evaluate(Parse("""{"v":{"@path":"$."}}"""), Parse("""{"a":1}"""));
        Assert.That(result.ToJsonString(Relaxed), Is.EqualTo("""{"v":{"a":1}}"""));
    }

    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.email"},"then":"yep","else":"nope"}}}""", """{"v":"yep"}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.nope"},"then":"yep","else":"nope"}}}""", """{"v":"nope"}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.address"},"then":"yep","else":"nope"}}}""", """{"v":"nope"}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.empty"},"then":"yep","else":"nope"}}}""", """{"v":"yep"}""")]
    [TestCase("""{"v":{"@if":{"blank":{"@path":"$.traits.empty"},"then":"yep","else":"nope"}}}""", """{"v":"nope"}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.nope"},"then":"yep"}}}""", """{}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.nope"},"then":"yep","else":false}}}""", """{}""")]
    [TestCase("""{"v":{"@if":{"exists":{"@path":"$.traits.email"},"then":{"@path":"$.traits.name"}}}}""", """{"v":"Mr. Rogers"}""")]
    public void If_takes_the_branch_segment_takes(string mapping, string expected) =>
        Assert.That(Eval(mapping), Is.EqualTo(expected));

    [TestCase("""{"v":{"@template":"Won't you be my {{properties.noun}}?"}}""", """{"v":"Won't you be my neighbor?"}""")]
    [TestCase("""{"v":{"@template":"Hello, {{traits.fullName}}!"}}""", """{"v":"Hello, !"}""")]
    [TestCase("""{"v":{"@template":"{{traits.name}} ({{userId}})"}}""", """{"v":"Mr. Rogers (abc123)"}""")]
    [TestCase("""{"v":{"@template":"{{ properties.total }} items"}}""", """{"v":"30 items"}""")]
    [TestCase("""{"v":{"@template":"{{properties.tags}}"}}""", """{"v":"a,b"}""")]
    [TestCase("""{"v":{"@template":"{{properties.address}}"}}""", """{"v":"[object Object]"}""")]
    public void Template_replaces_placeholders(string mapping, string expected) =>
        Assert.That(Eval(mapping), Is.EqualTo(expected));

    [Test]
    public void Template_escapes_html_in_double_braces_but_not_in_triple_braces()
    {
        var result = MappingKit.Evaluate(Parse("""{"a":{"@template":"{{properties.quote}}"},"b":{"@template":"{{{properties.quote}}}"}}"""), Parse(Payload));

        Assert.Multiple(() =>
        {
            Assert.That(result["a"]!.GetValue<string>(), Is.EqualTo("Tom &amp; Jerry&#39;s &lt;b&gt;"));
            Assert.That(result["b"]!.GetValue<string>(), Is.EqualTo("Tom & Jerry's <b>"));
        });
    }

    [TestCase("""{"v":{"@literal":true}}""", """{"v":true}""")]
    [TestCase("""{"v":{"@literal":""}}""", """{"v":""}""")]
    [TestCase("""{"v":{"@literal":{"x":1}}}""", """{"v":{"x":1}}""")]
    [TestCase("""{"v":{"@literal":{"@path":"$.userId"}}}""", """{"v":"abc123"}""")]
    public void Literal_returns_its_value(string mapping, string expected) =>
        Assert.That(Eval(mapping), Is.EqualTo(expected));

    [Test]
    public void Nested_objects_and_arrays_of_directives_resolve_member_by_member()
    {
        const string mapping = """
            {
              "name": "Mr. Rogers",
              "profile": { "email": { "@path": "$.traits.email" }, "missing": { "@path": "$.nope" }, "kept": null },
              "list": [ { "@path": "$.userId" }, { "@path": "$.nope" }, 3, [ { "@path": "$.event" } ] ]
            }
            """;

        Assert.That(Eval(mapping), Is.EqualTo(
            """{"name":"Mr. Rogers","profile":{"email":"fred@example.com","kept":null},"list":["abc123",3,["Order Completed"]]}"""));
    }

    [TestCase("""{"v":{"@arrayPath":["$.properties.products",{"id":{"@path":"$.sku"},"cost":{"@path":"$.price"}}]}}""", """{"v":[{"id":"s1","cost":19},{"id":"s2","cost":3}]}""")]
    [TestCase("""{"v":{"@arrayPath":["$.properties.address",{"c":{"@path":"$.city"}}]}}""", """{"v":[{"c":"Paris"}]}""")]
    [TestCase("""{"v":{"@arrayPath":["$.properties.tags"]}}""", """{"v":["a","b"]}""")]
    [TestCase("""{"v":{"@case":{"operator":"upper","value":{"@path":"$.properties.noun"}}}}""", """{"v":"NEIGHBOR"}""")]
    [TestCase("""{"v":{"@case":{"operator":"lower","value":{"@path":"$.event"}}}}""", """{"v":"order completed"}""")]
    [TestCase("""{"v":{"@case":{"operator":"lower","value":{"@path":"$.properties.total"}}}}""", """{"v":30}""")]
    [TestCase("""{"v":{"@replace":{"pattern":" ","replacement":"_","value":{"@path":"$.event"}}}}""", """{"v":"Order_Completed"}""")]
    [TestCase("""{"v":{"@replace":{"pattern":"o","replacement":"0","global":false,"value":{"@path":"$.event"}}}}""", """{"v":"Order C0mpleted"}""")]
    [TestCase("""{"v":{"@replace":{"pattern":"ORDER","replacement":"x","ignorecase":true,"value":{"@path":"$.event"}}}}""", """{"v":"x Completed"}""")]
    [TestCase("""{"v":{"@replace":{"pattern":".","value":{"@path":"$.properties.address.geo.lat"}}}}""", """{"v":"4885"}""")]
    [TestCase("""{"v":{"@json":{"mode":"encode","value":{"@path":"$.properties.tags"}}}}""", """{"v":"[\"a\",\"b\"]"}""")]
    [TestCase("""{"v":{"@json":{"mode":"decode","value":{"@path":"$.properties.json"}}}}""", """{"v":{"a":1}}""")]
    [TestCase("""{"v":{"@flatten":{"separator":"_","value":{"@path":"$.properties.address"}}}}""", """{"v":{"city":"Paris","geo_lat":48.85}}""")]
    [TestCase("""{"v":{"@merge":{"direction":"right","objects":[{"a":1,"b":1},{"b":2}]}}}""", """{"v":{"a":1,"b":2}}""")]
    [TestCase("""{"v":{"@merge":{"direction":"left","objects":[{"a":1,"b":1},{"b":2}]}}}""", """{"v":{"b":1,"a":1}}""")]
    [TestCase("""{"v":{"@excludeWhenNull":{"@path":"$.traits.address"}}}""", """{}""")]
    [TestCase("""{"v":{"@transform":{"apply":{"x":{"@path":"$.userId"}},"mapping":{"@path":"$.x"}}}}""", """{"v":"abc123"}""")]
    public void Further_segment_directives(string mapping, string expected) =>
        Assert.That(Eval(mapping), Is.EqualTo(expected));

    [Test]
    public void An_unknown_directive_is_an_error_naming_it()
    {
        var error = Assert.Throws<MappingEvaluationException>(() => Eval("""{"email":{"@pathh":"$.traits.email"}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Directive, Is.EqualTo("@pathh"));
            Assert.That(error.Path, Is.EqualTo("email"));
            Assert.That(error.Message, Does.Contain("@pathh is not a valid directive"));
        });
    }

    [TestCase("""{"v":{"@path":42}}""", "@path: expected string, got number")]
    [TestCase("""{"v":{"@template":{"@path":"$.properties"}}}""", "@template: expected string, got object")]
    [TestCase("""{"v":{"@if":{"then":"x"}}}""", "@if requires an \"exists\" key or a \"blank\" key")]
    [TestCase("""{"v":{"@if":"x"}}""", "@if requires an object")]
    [TestCase("""{"v":{"@json":{"mode":"decode","value":{"@path":"$.properties.noun"}}}}""", "not valid JSON")]
    [TestCase("""{"v":{"@replace":{"pattern":"a-very-long-pattern","value":"x"}}}""", "less than 10 characters")]
    [TestCase("""{"v":{"@arrayPath":"$.properties.products"}}""", "@arrayPath expected array")]
    public void Misused_directives_fail_with_the_directive_and_reason(string mapping, string reason)
    {
        var error = Assert.Throws<MappingEvaluationException>(() => Eval(mapping));
        Assert.That(error!.Message, Does.Contain(reason));
        Assert.That(error.Message, Does.Not.Contain("fred@example.com"));
    }

    [Test]
    public void Validate_reports_every_structural_problem_with_its_location()
    {
        const string mapping = """
            {
              "email": { "@pathh": "$.traits.email" },
              "phone": { "@path": "$.traits.phone", "@template": "x" },
              "mixed": { "@path": "$.a", "other": 1 },
              "nested": { "deep": [ { "@if": { "then": 1 } } ] },
              "ok": { "@path": "$.traits.email", "_metadata": { "label": "x" } }
            }
            """;

        var problems = MappingKit.Validate(Parse(mapping)).Select(p => p.ToString()).ToList();

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "/email has an invalid directive: @pathh",
            "/phone should only have one @-prefixed key but it has 2 keys (@path, @template)",
            "/mixed shouldn't mix a directive (@path) with other keys (other)",
            "/nested/deep/0/@if should have field \"exists\" or \"blank\" but it doesn't",
        }));
    }

    [Test]
    public void TryEvaluateValue_tells_undefined_from_null()
    {
        var payload = Parse(Payload);

        Assert.Multiple(() =>
        {
            Assert.That(MappingKit.TryEvaluateValue(Parse("""{"@path":"$.nope"}"""), payload, out _), Is.False);
            Assert.That(MappingKit.TryEvaluateValue(Parse("""{"@path":"$.traits.address"}"""), payload, out JsonNode? value), Is.True);
            Assert.That(value, Is.Null);
        });
    }
}
