using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Mapping.Kit.Compiled;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// A mapped object of up to 64 keys keeps only its defined values; every read, removal and replacement behaves as
/// over one slot per key, and a larger object still resolves as the interpreter does.
/// </summary>
public class SparseMappedObjectTests
{
    private const string Payload = """{"a":"A","c":null,"e":{"x":1},"g":""}""";

    [Test]
    public void Only_defined_slots_read_as_defined_in_slot_order()
    {
        var mapped = Evaluate("""{"a":{"@path":"$.a"},"b":{"@path":"$.missing"},"c":{"@path":"$.c"},"d":{"@path":"$.nope"},"e":{"@path":"$.e"},"g":{"@path":"$.g"}}""");

        Assert.That(mapped.SlotCount, Is.EqualTo(6));
        Assert.That(Enumerable.Range(0, 6).Select(i => mapped.ValueAt(i).IsDefined), Is.EqualTo(new[] { true, false, true, false, true, true }));
        Assert.That(mapped.Count, Is.EqualTo(4));
        Assert.That(mapped.Find("a"), Is.EqualTo(0));
        Assert.That(mapped.Find("b"), Is.EqualTo(-1));
        Assert.That(mapped.Find("e"), Is.EqualTo(4));
        Assert.That(mapped.ValueAt(0).Element.GetString(), Is.EqualTo("A"));
        Assert.That(mapped.ValueAt(2).HasNonNullValue, Is.False, "a defined null stays defined");
        Assert.That(mapped.ValueAt(4).Element.GetProperty("x").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Undefine_and_set_act_on_the_right_slot()
    {
        var mapped = Evaluate("""{"a":{"@path":"$.a"},"b":{"@path":"$.missing"},"c":{"@path":"$.c"},"e":{"@path":"$.e"}}""");

        mapped.Undefine(2);
        mapped.Set(3, CompiledValue.Of(System.Text.Json.Nodes.JsonValue.Create("replaced")));

        Assert.That(mapped.Count, Is.EqualTo(2));
        Assert.That(mapped.Find("c"), Is.EqualTo(-1));
        Assert.That(mapped.ValueAt(0).Element.GetString(), Is.EqualTo("A"));
        Assert.That(mapped.NodeAt(3)!.GetValue<string>(), Is.EqualTo("replaced"));
        Assert.Throws<InvalidOperationException>(() => mapped.Set(1, CompiledValue.Of(System.Text.Json.Nodes.JsonValue.Create(1))), "never defined");
        Assert.Throws<InvalidOperationException>(() => mapped.Set(2, CompiledValue.Of(System.Text.Json.Nodes.JsonValue.Create(1))), "undefined by removal");
        Assert.That(mapped.ToJsonObject().ToJsonString(), Is.EqualTo("""{"a":"A","e":"replaced"}"""));
    }

    [Test]
    public void No_defined_value_gives_an_empty_object()
    {
        var mapped = Evaluate("""{"a":{"@path":"$.none"},"b":{"@path":"$.missing"}}""");

        Assert.That(mapped.Count, Is.Zero);
        Assert.That(mapped.Find("a"), Is.EqualTo(-1));
        Assert.That(mapped.ToJsonObject().ToJsonString(), Is.EqualTo("{}"));
    }

    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(100)]
    public void Objects_around_the_sparse_limit_resolve_as_the_interpreter_does(int keys)
    {
        var members = Enumerable.Range(0, keys).Select(i => i % 3 == 0 ? $"\"k{i}\":{{\"@path\":\"$.a\"}}" : i % 3 == 1 ? $"\"k{i}\":{{\"@path\":\"$.missing\"}}" : $"\"k{i}\":\"literal {i}\"");
        var mapping = Parse("{" + string.Join(",", members) + "}");
        var payload = Parse(Payload);

        var compiled = CompiledMapping.Compile(mapping);
        var mapped = compiled.EvaluateMapped(payload, out _)!;

        Assert.That(compiled.Evaluate(payload).ToJsonString(), Is.EqualTo(MappingKit.Evaluate(mapping, payload).ToJsonString()));
        Assert.That(mapped.Count, Is.EqualTo(Enumerable.Range(0, keys).Count(i => i % 3 != 1)));
        Assert.That(mapped.Find($"k{keys - 1}"), Is.EqualTo((keys - 1) % 3 == 1 ? -1 : keys - 1));
        Assert.That(mapped.ToJsonObject().ToJsonString(), Is.EqualTo(MappingKit.Evaluate(mapping, payload).ToJsonString()));
    }

    private static MappedObject Evaluate(string mapping) => CompiledMapping.Compile(Parse(mapping)).EvaluateMapped(Parse(Payload), out _)!;

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
