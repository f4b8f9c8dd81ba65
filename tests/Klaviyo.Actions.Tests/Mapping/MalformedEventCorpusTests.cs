using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// A corpus of malformed events (wrong types, missing fields, deep nesting, huge strings) routed through every
/// action's defaults: each yields a typed error or outcome, never a NullReference/KeyNotFound/InvalidCast.
/// </summary>
public class MalformedEventCorpusTests
{
    private static readonly string HugeString = new('x', 5_000_000);

    private static string Nested(int depth, string leaf = "1")
    {
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            sb.Append("{\"a\":");
        }

        sb.Append(leaf);
        sb.Append('}', depth);
        return sb.ToString();
    }

    private static string NestedArray(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>Unreadable events: the field and rule of the typed error.</summary>
    private static IEnumerable<TestCaseData> Unreadable()
    {
        yield return new TestCaseData("", "$", "json");
        yield return new TestCaseData("not json", "$", "json");
        yield return new TestCaseData("{\"type\":\"track\",", "$", "json");
        yield return new TestCaseData("[1,2]", "$", "object");
        yield return new TestCaseData("42", "$", "object");
        yield return new TestCaseData("null", "$", "object");
        yield return new TestCaseData("\"identify\"", "$", "object");
        yield return new TestCaseData("{}", "type", "required");
        yield return new TestCaseData("""{"type":null}""", "type", "required");
        yield return new TestCaseData("""{"type":7}""", "type", "type");
        yield return new TestCaseData("""{"type":"purchase"}""", "type", "enum");
        yield return new TestCaseData("""{"type":"track","userId":"u"}""", "event", "required");
        yield return new TestCaseData("""{"type":"track","event":["a"]}""", "event", "type");
        yield return new TestCaseData("""{"type":"identify","userId":{"id":1}}""", "userId", "type");
        yield return new TestCaseData("""{"type":"identify","userId":true}""", "userId", "type");
        yield return new TestCaseData("""{"type":"identify","anonymousId":[1]}""", "anonymousId", "type");
        yield return new TestCaseData("""{"type":"identify","messageId":{}}""", "messageId", "type");
        yield return new TestCaseData("""{"type":"identify","traits":[1,2]}""", "traits", "type");
        yield return new TestCaseData("""{"type":"track","event":"E","properties":"a string"}""", "properties", "type");
        yield return new TestCaseData("""{"type":"track","event":"E","context":5}""", "context", "type");
        yield return new TestCaseData("""{"type":"track","event":"E","integrations":true}""", "integrations", "type");
        yield return new TestCaseData("""{"type":"track","event":"E","timestamp":"last tuesday"}""", "timestamp", "datetime");
        yield return new TestCaseData("""{"type":"track","event":"E","timestamp":1714564800}""", "timestamp", "type");
        yield return new TestCaseData("""{"type":"page","name":{"x":1}}""", "name", "type");
        yield return new TestCaseData("{\"type\":\"identify\",\"traits\":" + Nested(80) + "}", "traits", "max_depth");
        yield return new TestCaseData("{\"type\":\"identify\",\"traits\":{\"a\":" + NestedArray(200) + "}}", "traits", "max_depth");
        yield return new TestCaseData(Nested(100_000), "a", "max_depth");
        yield return new TestCaseData("""{"type":"identify","userId":"u","traits":{"email":"a@b.com","email":{"dup":true}}}""", "traits.email", "duplicate_key");
        yield return new TestCaseData("""{"type":"track","event":"E","event":"F","userId":"u"}""", "event", "duplicate_key");
        yield return new TestCaseData("""{"type":"track","event":"E","userId":"u","properties":{"items":[{"sku":"a"},{"sku":"b","sku":"c"}]}}""", "properties.items[1].sku", "duplicate_key");
        yield return new TestCaseData("""{"type":"track","event":"E","userId":"u","properties":{"jane.doe@example.com":1,"jane.doe@example.com":2}}""", "properties.<redacted>", "duplicate_key");
    }

    [TestCaseSource(nameof(Unreadable))]
    public async Task Unreadable_events_give_a_typed_error(string json, string field, string rule)
    {
        var destination = AllDefaults(new RecordingKlaviyoClient());

        var result = await destination.SendJsonAsync(json);

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Not.Null);
            Assert.That((result.Error!.Field, result.Error.Rule), Is.EqualTo((field, rule)), result.Error.Message);
            Assert.That(result.Error.Message.Length, Is.LessThan(300));
            Assert.That(result.Outcomes, Is.Empty);
        });
    }

    /// <summary>Readable events whose fields have the wrong shapes for the actions' mappings.</summary>
    private static IEnumerable<TestCaseData> Misshapen()
    {
        yield return new TestCaseData("""{"type":"identify","userId":"u","traits":{"email":{"a":1},"phone":[1,2],"firstName":["x","y"],"address":"Paris","company":"Acme"},"context":{"traits":{"phone":{"n":1}}}}""").SetName("identify with objects and arrays where text belongs");
        yield return new TestCaseData("""{"type":"identify","userId":"u","traits":{"email":null,"address":{"city":{"x":1},"state":[1],"postal_code":94107}},"integrations":{"Klaviyo":"list"}}""").SetName("identify with bad address parts");
        yield return new TestCaseData("""{"type":"track","event":"Order Completed","userId":"u","properties":{"products":"not a list","revenue":"lots"}}""").SetName("order with products as text");
        yield return new TestCaseData("""{"type":"track","event":"Order Completed","userId":"u","properties":{"products":[1,"two",null,{"price":{"x":1},"quantity":"many","product_id":{"a":1}}]}}""").SetName("order with bad product items");
        yield return new TestCaseData("""{"type":"track","event":"Order Completed","anonymousId":"a","properties":{"products":{"sku":"single"}}}""").SetName("order with one product object");
        yield return new TestCaseData("""{"type":"track","event":"User Subscribed","context":{"traits":{"email":12,"phone":{"n":1}}},"timestamp":"2024-05-01T00:00:00Z"}""").SetName("subscribe with numeric email and object phone");
        yield return new TestCaseData("""{"type":"track","event":"User Unsubscribed","traits":{"email":[]},"context":{"traits":"none"}}""").SetName("unsubscribe with array email");
        yield return new TestCaseData("""{"type":"track","event":"Audience Entered","userId":"u","context":{"personas":{"external_audience_id":{"id":1},"audience_settings":"x"}},"properties":{"properties":"x","address":[]}}""").SetName("audience event with bad personas");
        yield return new TestCaseData("""{"type":"track","event":"Audience Exited","userId":"u","context":{"personas":[],"traits":{"email":"a@b.com"}}}""").SetName("audience exit with personas array");
        yield return new TestCaseData("""{"type":"track","event":"","userId":"","anonymousId":"","messageId":"","properties":{}}""").SetName("empty strings everywhere");
        yield return new TestCaseData("{\"type\":\"track\",\"event\":\"E\",\"userId\":\"" + HugeString + "\",\"properties\":{\"big\":\"" + HugeString + "\"}}").SetName("five-megabyte strings");
        yield return new TestCaseData("{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\",\"properties\":" + Nested(60) + "}").SetName("properties nested 60 deep");
        yield return new TestCaseData("""{"type":"identify","userId":"u","traits":{"email":"\u0000\uFFFF\uD83D\uDE00","firstName":"\"quoted\""}}""").SetName("control and astral characters");
        yield return new TestCaseData("""{"type":"track","event":"E","userId":"u","properties":{"n":1e400,"m":-1e-400,"big":123456789012345678901234567890}}""").SetName("numbers out of range");
    }

    [TestCase("""{"type":"track","event":"Great gift \ud83d","userId":"u","properties":{}}""", "event", "invalid_unicode")]
    [TestCase("""{"type":"track","event":"E","userId":"u","properties":{"\udc00":1}}""", "properties.<invalid key>", "invalid_unicode")]
    [TestCase("""{"type":"track","event":"E","userId":"u","properties":{"list":["ok","\ud800x"]}}""", "properties.list[1]", "invalid_unicode")]
    public async Task Invalid_unicode_makes_the_event_unreadable_with_its_rule(string json, string field, string rule)
    {
        var destination = AllDefaults(new RecordingKlaviyoClient());

        var result = await destination.SendJsonAsync(json);

        Assert.That(result.Error, Is.Not.Null);
        Assert.That((result.Error!.Field, result.Error.Rule), Is.EqualTo((field, rule)));
        Assert.That(result.Outcomes, Is.Empty);
    }

    [TestCaseSource(nameof(Misshapen))]
    public async Task Misshapen_events_give_typed_outcomes_for_every_action(string json)
    {
        var client = new RecordingKlaviyoClient();
        client.AddList("LIST_ENG", "audience");
        var destination = AllDefaults(client);

        var result = await destination.SendJsonAsync(json);

        Assert.That(result.Error, Is.Null, result.Error?.Message);
        Assert.That(result.Outcomes, Has.Count.EqualTo(KlaviyoActionCatalog.All.Count));
        foreach (var outcome in result.Outcomes)
        {
            Assert.That(outcome, Is.Not.InstanceOf<FailedOutcome>(), outcome is FailedOutcome f ? f.ToString() : string.Empty);
            if (outcome is InvalidOutcome invalid)
            {
                Assert.That(invalid.Errors, Is.Not.Empty);
                Assert.That(invalid.Errors.Select(e => e.Field), Has.All.Not.Empty);
            }
        }
    }

    [Test]
    public async Task A_randomly_generated_corpus_never_escapes_as_an_unexpected_exception()
    {
        var random = new Random(20240501);
        var client = new RecordingKlaviyoClient();
        var destination = AllDefaults(client);
        var corpus = Enumerable.Range(0, 300).Select(_ => RandomEvent(random)).ToList();

        var results = new List<EventResult>();
        await foreach (var result in destination.SendJsonAllAsync(ToAsync(corpus)))
        {
            results.Add(result);
        }

        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(corpus.Count));
            Assert.That(results.SelectMany(r => r.Outcomes).OfType<FailedOutcome>().Select(f => f.Message), Is.Empty);
            Assert.That(results.Count(r => r.Error is null), Is.GreaterThan(100), "the generator must produce readable events too");
            Assert.That(results.SelectMany(r => r.Outcomes).Count(o => o.Kind == MappingOutcomeKind.Sent), Is.GreaterThan(0));
        });
    }

    private static KlaviyoDestination AllDefaults(RecordingKlaviyoClient client) =>
        new(new DestinationConfiguration(
                new DestinationSettings { CreateAudienceLists = false },
                KlaviyoActionCatalog.All.Select(a => MappingDefinition.ForEvents(
                    a.Slug,
                    trigger: "type = \"identify\" or type = \"track\" or type = \"page\"",
                    mapping: a.Slug == "removeProfile" ? JsonDocument.Parse("""{"list_id":"L"}""").RootElement : null,
                    useDefaults: true))),
            client,
            null);

    private static string RandomEvent(Random random)
    {
        string[] types = ["identify", "track", "page", "Identify", "bogus"];
        string[] keys = ["email", "phone", "firstName", "address", "products", "revenue", "userId", "listId", "external_audience_id", "personas", "traits", "city", "price", "sku"];
        var root = new Dictionary<string, object?>
        {
            ["type"] = types[random.Next(types.Length)],
            ["event"] = random.Next(4) switch { 0 => "Order Completed", 1 => "Audience Entered", 2 => null, _ => RandomValue(random, keys, 2) },
            ["userId"] = RandomValue(random, keys, 1),
            ["messageId"] = "m" + random.Next(),
            ["traits"] = RandomObject(random, keys, 3),
            ["properties"] = random.Next(5) == 0 ? RandomValue(random, keys, 2) : RandomObject(random, keys, 4),
            ["context"] = new Dictionary<string, object?> { ["traits"] = RandomObject(random, keys, 2), ["personas"] = RandomValue(random, keys, 3) },
            ["integrations"] = new Dictionary<string, object?> { ["Klaviyo"] = RandomValue(random, keys, 2) },
        };
        return Serialize(root);
    }

    private static Dictionary<string, object?> RandomObject(Random random, string[] keys, int depth)
    {
        var obj = new Dictionary<string, object?>();
        for (int i = random.Next(5); i > 0; i--)
        {
            obj[keys[random.Next(keys.Length)]] = RandomValue(random, keys, depth - 1);
        }

        return obj;
    }

    private static object? RandomValue(Random random, string[] keys, int depth) => (depth <= 0 ? random.Next(6) : random.Next(8)) switch
    {
        0 => null,
        1 => "",
        2 => random.Next(3) == 0 ? "a@b.com" : "text" + random.Next(100),
        3 => random.Next(-1000, 1000) / (random.Next(2) == 0 ? 1.0 : 7.0),
        4 => random.Next(2) == 0,
        5 => random.Next(2) == 0 ? "2024-05-01T12:00:00Z" : "+14155550100",
        6 => RandomObject(random, keys, depth - 1),
        _ => Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, keys, depth - 1)).ToList(),
    };

    private static string Serialize(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                sb.Append(JsonSerializer.Serialize(s));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case Dictionary<string, object?> obj:
                sb.Append('{').AppendJoin(',', obj.Select(p => JsonSerializer.Serialize(p.Key) + ":" + Serialize(p.Value))).Append('}');
                break;
            case List<object?> list:
                sb.Append('[').AppendJoin(',', list.Select(Serialize)).Append(']');
                break;
        }
    }

    private static async IAsyncEnumerable<string?> ToAsync(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
