using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Api.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

/// <summary>
/// The custom value writer builds error paths only when it needs one; the path an error names is still the full
/// path through dictionaries, lists, JSON elements and JSON nodes.
/// </summary>
public class ValuePathTests
{
    [Test]
    public void A_bad_value_inside_a_list_inside_a_dictionary_names_every_step()
    {
        var ex = Fails(new Dictionary<string, object?>
        {
            ["ok"] = "fine",
            ["cart"] = new List<object?> { 1, new Dictionary<string, object?> { ["items"] = new object?[] { "a", double.NaN } } },
        });

        Assert.That(ex.Field, Is.EqualTo("properties.cart[1].items[1]"));
        Assert.That(ex.Message, Does.Contain("'properties.cart[1].items[1]'"));
    }

    [Test]
    public void A_too_deep_json_element_names_the_path_inside_it()
    {
        using var document = JsonDocument.Parse("""{"a":[{"b":[[[[[[[[1]]]]]]]]}]}""");
        var ex = Fails(new Dictionary<string, object?> { ["doc"] = document.RootElement });

        Assert.That(ex.Rule, Is.EqualTo("max_depth"));
        Assert.That(ex.Field, Does.StartWith("properties.doc.a[0].b[0]"));
    }

    [Test]
    public void A_too_deep_json_node_names_the_path_inside_it()
    {
        var node = JsonNode.Parse("""{"x":{"y":[[[[[[[[[1]]]]]]]]]}}""");
        var ex = Fails(new Dictionary<string, object?> { ["node"] = node });

        Assert.That(ex.Rule, Is.EqualTo("max_depth"));
        Assert.That(ex.Field, Does.StartWith("properties.node.x.y[0]"));
    }

    [Test]
    public void A_top_level_value_is_named_by_its_key()
    {
        var ex = Fails(new Dictionary<string, object?> { ["span"] = TimeSpan.FromSeconds(1) });
        Assert.That(ex.Field, Is.EqualTo("properties.span"));
    }

    [Test]
    public void Paths_render_as_members_and_items()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ValuePath.Of("properties").ToString(), Is.EqualTo("properties"));
            Assert.That(ValuePath.Member("properties", "a").ToString(), Is.EqualTo("properties.a"));
            Assert.That(ValuePath.Member(string.Empty, "a").ToString(), Is.EqualTo("a"));
            Assert.That(ValuePath.Item("properties.a", 3).ToString(), Is.EqualTo("properties.a[3]"));
        });
    }

    private static WireValueException Fails(IReadOnlyDictionary<string, object?> values) =>
        Assert.Throws<WireValueException>(() =>
        {
            using var stream = new MemoryStream();
            using var writer = new Utf8JsonWriter(stream);
            KlaviyoValueWriter.WriteObject(writer, values, "properties");
            writer.Flush();
            _ = Encoding.UTF8.GetString(stream.ToArray());
        })!;
}
