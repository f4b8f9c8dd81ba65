using System.Text;
using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>Merge and conflict keys compare what they key (bytes, text, identity) without copying it.</summary>
public class BulkKeyTests
{
    [Test]
    public void Utf8_keys_are_equal_when_their_bytes_are_equal_wherever_the_bytes_live()
    {
        byte[] one = Encoding.UTF8.GetBytes("""{"type":"profile","attributes":{"email":"jane@shop.test"}}""");
        byte[] padded = [.. "xx"u8, .. one, .. "yy"u8];

        var a = BulkKey.OfUtf8(one);
        var b = BulkKey.OfUtf8(padded.AsMemory(2, one.Length));
        var c = BulkKey.OfUtf8(Encoding.UTF8.GetBytes("""{"type":"profile","attributes":{"email":"joe@shop.test"}}"""));

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        Assert.That(a == b, Is.True);
        Assert.That(a, Is.Not.EqualTo(c));
        Assert.That(a != c, Is.True);
        Assert.That(new HashSet<BulkKey> { a, b, c }, Has.Count.EqualTo(2));
    }

    [Test]
    public void Keys_of_different_kinds_are_never_equal()
    {
        var text = BulkKey.Of("p-1");
        var bytes = BulkKey.OfUtf8("p-1"u8.ToArray());

        Assert.That(text, Is.Not.EqualTo(bytes));
        Assert.That(bytes, Is.Not.EqualTo(text));
        Assert.That(BulkKey.Of("p-1"), Is.EqualTo(text));
        Assert.That(BulkKey.Of("P-1"), Is.Not.EqualTo(text));
    }

    [Test]
    public void A_null_string_is_no_key_and_no_key_equals_only_no_key()
    {
        string? none = null;
        BulkKey key = none;
        BulkKey some = "id";

        Assert.That(key.IsNone, Is.True);
        Assert.That(key, Is.EqualTo(BulkKey.None));
        Assert.That(some.IsNone, Is.False);
        Assert.That(some, Is.EqualTo(BulkKey.Of("id")));
        Assert.That(some, Is.Not.EqualTo(BulkKey.None));
        Assert.That(BulkKey.None, Is.Not.EqualTo(BulkKey.OfUtf8(Array.Empty<byte>())));
    }

    [Test]
    public void A_key_over_part_of_an_array_is_compared_by_its_bytes()
    {
        byte[] padded = [.. "xx"u8, .. "abc"u8, .. "yy"u8];

        Assert.That(BulkKey.OfUtf8(padded.AsMemory(2, 3)), Is.EqualTo(BulkKey.OfUtf8("abc"u8.ToArray())));
    }

    [Test]
    public void A_key_describes_its_kind_but_never_its_content()
    {
        Assert.That(BulkKey.Of("jane@shop.test").ToString(), Does.Not.Contain("jane"));
        Assert.That(BulkKey.OfUtf8("jane@shop.test"u8.ToArray()).ToString(), Does.Not.Contain("jane"));
        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test" }, "m", "u").ToString(), Does.Not.Contain("jane"));
    }

    [Test]
    public void Event_conflicts_compare_email_case_insensitively_and_an_empty_identifier_as_missing()
    {
        var key = Conflict(new EventProfile { Email = "Jane@Shop.test", ExternalId = "" }, "Ordered", "o-1");

        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test" }, "Ordered", "o-1"), Is.EqualTo(key));
        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test" }, "Ordered", "o-1").GetHashCode(), Is.EqualTo(key.GetHashCode()));
        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test", ExternalId = "u" }, "Ordered", "o-1"), Is.Not.EqualTo(key));
        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test" }, "Viewed", "o-1"), Is.Not.EqualTo(key));
        Assert.That(Conflict(new EventProfile { Email = "jane@shop.test" }, "Ordered", "o-2"), Is.Not.EqualTo(key));
        Assert.That(Conflict(new EventProfile { PhoneNumber = "jane@shop.test" }, "Ordered", "o-1"), Is.Not.EqualTo(key), "same text, other identifier");
        Assert.That(Conflict(new EventProfile { AnonymousId = "a" }, "Ordered", "o-1"), Is.Not.EqualTo(Conflict(new EventProfile { ExternalId = "a" }, "Ordered", "o-1")));
    }

    private static BulkKey Conflict(EventProfile profile, string metric, string uniqueId) =>
        new BulkEventWire(Fragment, Fragment, uniqueId, profile, metric).ConflictKey;

    private static readonly Klaviyo.Actions.Api.Json.JsonFragment Fragment = new("{}"u8.ToArray());
}

/// <summary>Single-fragment endpoints keep the fragment's array as the measured wire (no boxed struct) and read it back.</summary>
public class BulkWireKeepTests
{
    [Test]
    public void A_kept_fragment_is_its_array_and_reads_back_as_the_same_bytes()
    {
        byte[] bytes = """{"type":"profile","id":"p-1"}"""u8.ToArray();
        var fragment = new Klaviyo.Actions.Api.Json.JsonFragment(bytes);

        object kept = BulkWire.Keep(fragment);

        Assert.That(kept, Is.SameAs(bytes));
        Assert.That(BulkWire.Fragment(kept).Utf8Json.ToArray(), Is.EqualTo(bytes));
        Assert.That(BulkWire.Fragment(fragment).ToString(), Is.EqualTo("""{"type":"profile","id":"p-1"}"""));
        Assert.Throws<InvalidOperationException>(() => BulkWire.Fragment("not a fragment"));
        Assert.Throws<InvalidOperationException>(() => BulkWire.Fragment(null));
    }
}
