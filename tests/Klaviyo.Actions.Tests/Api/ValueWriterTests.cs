using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Tests.Api.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class ValueWriterTests
{
    private static string Write(IReadOnlyDictionary<string, object?> values, bool canonical = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            KlaviyoValueWriter.WriteObject(writer, values, "properties", canonical);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static WireValueException Fails(IReadOnlyDictionary<string, object?> values) =>
        Assert.Throws<WireValueException>(() => Write(values))!;

    [Test]
    public void Writes_every_supported_scalar()
    {
        var guid = Guid.Parse("9b2f3c1e-8f5a-4c1d-9a2b-7e6f5d4c3b2a");
        string json = Write(new Dictionary<string, object?>
        {
            ["null"] = null,
            ["string"] = "s",
            ["bool"] = true,
            ["byte"] = (byte)1,
            ["sbyte"] = (sbyte)-1,
            ["short"] = (short)-2,
            ["ushort"] = (ushort)2,
            ["int"] = -3,
            ["uint"] = 3u,
            ["long"] = -4L,
            ["ulong"] = ulong.MaxValue,
            ["float"] = 1.5f,
            ["double"] = 2.25,
            ["decimal"] = 10.50m,
            ["dateTimeOffset"] = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)),
            ["dateTime"] = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc),
            ["guid"] = guid,
        });

        JsonAssert.AreEquivalent(
            """
            {"null":null,"string":"s","bool":true,"byte":1,"sbyte":-1,"short":-2,"ushort":2,"int":-3,"uint":3,"long":-4,
             "ulong":18446744073709551615,"float":1.5,"double":2.25,"decimal":10.50,
             "dateTimeOffset":"2024-05-01T12:00:00+02:00","dateTime":"2024-05-01T12:00:00Z","guid":"9b2f3c1e-8f5a-4c1d-9a2b-7e6f5d4c3b2a"}
            """,
            json);
    }

    [Test]
    public void Writes_dictionaries_lists_and_json_values()
    {
        using var element = JsonDocument.Parse("""{"x":[1,{"y":null}]}""");
        string json = Write(new Dictionary<string, object?>
        {
            ["dict"] = new Dictionary<string, int> { ["a"] = 1 },
            ["hashtable"] = new Hashtable { ["h"] = "v" },
            ["readOnly"] = (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["r"] = false },
            ["array"] = new[] { 1, 2 },
            ["list"] = new List<object?> { "a", null, 3.5m, new[] { "nested" } },
            ["element"] = element.RootElement,
            ["node"] = JsonNode.Parse("""{"n":[true]}"""),
            ["value"] = JsonValue.Create(7),
        });

        JsonAssert.AreEquivalent(
            """
            {"dict":{"a":1},"hashtable":{"h":"v"},"readOnly":{"r":false},"array":[1,2],"list":["a",null,3.5,["nested"]],
             "element":{"x":[1,{"y":null}]},"node":{"n":[true]},"value":7}
            """,
            json);
    }

    [Test]
    public void Rejects_unsupported_types_naming_the_path()
    {
        var ex = Fails(new Dictionary<string, object?> { ["cart"] = new List<object?> { new Dictionary<string, object?> { ["at"] = TimeSpan.Zero } } });

        Assert.That(ex.Field, Is.EqualTo("properties.cart[0].at"));
        Assert.That(ex.Rule, Is.EqualTo("unsupported_type"));
        Assert.That(ex.Message, Does.Contain("System.TimeSpan"));
    }

    [Test]
    public void Rejects_dictionaries_with_non_string_keys()
    {
        var ex = Fails(new Dictionary<string, object?> { ["ids"] = new Dictionary<int, string> { [1] = "a" } });

        Assert.That(ex.Field, Is.EqualTo("properties.ids"));
        Assert.That(ex.Rule, Is.EqualTo("unsupported_type"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Rejects_non_finite_numbers(double value)
    {
        var ex = Fails(new Dictionary<string, object?> { ["ratio"] = value });
        Assert.That(ex.Rule, Is.EqualTo("non_finite_number"));
        Assert.That(ex.Field, Is.EqualTo("properties.ratio"));
    }

    [Test]
    public void Rejects_lone_surrogates_in_values_and_keys_as_invalid_unicode()
    {
        var value = Fails(new Dictionary<string, object?> { ["title"] = "Great gift \ud83d" });
        var key = Fails(new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["\udc00"] = 1 } });
        var inList = Fails(new Dictionary<string, object?> { ["tags"] = new[] { "ok", "\ud800" } });

        Assert.That((value.Field, value.Rule), Is.EqualTo(("properties.title", "invalid_unicode")));
        Assert.That((key.Field, key.Rule), Is.EqualTo(("properties.nested", "invalid_unicode")), "the key itself is not echoed");
        Assert.That((inList.Field, inList.Rule), Is.EqualTo(("properties.tags[1]", "invalid_unicode")));
        Assert.That(Write(new Dictionary<string, object?> { ["emoji"] = "Great gift \ud83d\ude00" }), Does.Contain("emoji"), "a whole pair is fine");
    }

    [TestCase("jane.doe@example.com")]
    [TestCase("+1 (555) 010-9999")]
    [TestCase("4915112345678")]
    public void A_key_that_looks_like_an_email_or_phone_number_is_redacted_in_the_path(string key)
    {
        var ex = Fails(new Dictionary<string, object?> { ["by_customer"] = new Dictionary<string, object?> { [key] = double.PositiveInfinity } });

        Assert.That(ex.Field, Is.EqualTo("properties.by_customer.<redacted>"));
        Assert.That(ex.Message, Does.Not.Contain(key));
    }

    [Test]
    public void Ordinary_keys_and_short_numbers_stay_in_the_path()
    {
        Assert.That(Fails(new Dictionary<string, object?> { ["2024"] = double.NaN }).Field, Is.EqualTo("properties.2024"));
    }

    private static object Nest(int levels)
    {
        object value = "leaf";
        for (int i = 0; i < levels; i++)
        {
            value = new Dictionary<string, object?> { ["n"] = value };
        }

        return value;
    }

    [Test]
    public void Allows_ten_levels_and_rejects_eleven()
    {
        // The properties object is level 1; 9 nested dictionaries make 10 levels.
        Assert.DoesNotThrow(() => Write(new Dictionary<string, object?> { ["root"] = Nest(9) }));
        var ex = Fails(new Dictionary<string, object?> { ["root"] = Nest(10) });
        Assert.That(ex.Rule, Is.EqualTo("max_depth"));
        Assert.That(ex.Field, Does.StartWith("properties.root.n"));
    }

    [Test]
    public void Json_elements_count_towards_the_depth_limit()
    {
        using var deep = JsonDocument.Parse(string.Concat(Enumerable.Repeat("[", 10)) + string.Concat(Enumerable.Repeat("]", 10)));
        Assert.That(Fails(new Dictionary<string, object?> { ["deep"] = deep.RootElement }).Rule, Is.EqualTo("max_depth"));
    }

    [Test]
    public void A_reference_cycle_stops_at_the_depth_limit()
    {
        var cycle = new Dictionary<string, object?>();
        cycle["self"] = cycle;
        Assert.That(Fails(cycle).Rule, Is.EqualTo("max_depth"));
    }

    [Test]
    public void Canonical_mode_sorts_keys_at_every_level_and_normalizes_decimals()
    {
        using var element = JsonDocument.Parse("""{"b":1.50,"a":2}""");
        string a = Write(new Dictionary<string, object?> { ["z"] = 1.50m, ["a"] = new Dictionary<string, object?> { ["y"] = 1, ["x"] = element.RootElement } }, canonical: true);
        string b = Write(new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["x"] = element.RootElement, ["y"] = 1 }, ["z"] = 1.5m }, canonical: true);

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a, Is.EqualTo("""{"a":{"x":{"a":2,"b":1.5},"y":1},"z":1.5}"""));
    }

    [Test]
    public void Canonical_mode_keeps_zero_and_large_decimals()
    {
        string json = Write(new Dictionary<string, object?> { ["zero"] = 0.00m, ["big"] = 79228162514264337593543950335m, ["small"] = 0.000001m }, canonical: true);
        Assert.That(json, Is.EqualTo("""{"big":79228162514264337593543950335,"small":0.000001,"zero":0}"""));
    }
}
