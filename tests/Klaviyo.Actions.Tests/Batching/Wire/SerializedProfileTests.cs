using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>
/// The bulk events endpoint serializes a profile once for the events that share it (an order and its product events)
/// and never reuses a serialization that could be stale.
/// </summary>
public class SerializedProfileTests
{
    [Test]
    public void The_same_profile_instance_reuses_its_fragment_and_key()
    {
        var profile = new EventProfile { Email = "jane@shop.test", ExternalId = "u-1" };

        var first = SerializedProfile.Of(profile);
        var second = SerializedProfile.Of(profile);

        Assert.That(Buffer(second.Fragment), Is.SameAs(Buffer(first.Fragment)));
        Assert.That(second.MergeKey, Is.EqualTo(first.MergeKey));
    }

    [Test]
    public void Once_an_item_is_measured_the_thread_keeps_nothing_of_its_profile()
    {
        // The profile holds personal data: it is shared between one item's parts only, never kept beyond them.
        var profile = new EventProfile { Email = "jane@shop.test", ExternalId = "u-1" };
        var first = SerializedProfile.Of(profile);

        SerializedProfile.Forget();
        var again = SerializedProfile.Of(profile);

        Assert.That(Buffer(again.Fragment), Is.Not.SameAs(Buffer(first.Fragment)), "serialized afresh: nothing was kept");
        Assert.That(again.MergeKey, Is.EqualTo(first.MergeKey));
    }

    [Test]
    public void The_bulk_engine_forgets_the_profile_after_measuring_an_item()
    {
        var endpoints = new KlaviyoClient(new HttpClient(), new KlaviyoClientOptions { ApiKey = "pk_test-key" }).CreateBulkEndpoints();
        var profile = new EventProfile { Email = "jane@shop.test" };
        endpoints.EventCreate.Measure(new TrackEventRequest { Profile = profile, MetricName = "Viewed", UniqueId = "e-1" });
        var whileMeasuring = SerializedProfile.Of(profile);

        endpoints.EventCreate.ItemMeasured();
        var afterwards = SerializedProfile.Of(profile);

        Assert.That(Buffer(afterwards.Fragment), Is.Not.SameAs(Buffer(whileMeasuring.Fragment)));
    }

    [Test]
    public void An_equal_profile_gets_an_equal_key_so_its_events_still_share_an_entry()
    {
        var first = SerializedProfile.Of(new EventProfile { Email = "jane@shop.test" });
        var second = SerializedProfile.Of(new EventProfile { Email = "jane@shop.test" });
        var other = SerializedProfile.Of(new EventProfile { Email = "joe@shop.test" });

        Assert.That(second.MergeKey, Is.EqualTo(first.MergeKey));
        Assert.That(other.MergeKey, Is.Not.EqualTo(first.MergeKey));
        Assert.That(other.Fragment.ToString(), Does.Contain("joe@shop.test"));
    }

    [Test]
    public void A_profile_with_additional_attributes_is_serialized_again_so_a_changed_dictionary_is_sent_as_it_is()
    {
        var attributes = new Dictionary<string, object?> { ["first_name"] = "Jane" };
        var profile = new EventProfile { Email = "jane@shop.test", AdditionalAttributes = attributes };

        var before = SerializedProfile.Of(profile);
        attributes["first_name"] = "Janet";
        var after = SerializedProfile.Of(profile);

        Assert.That(before.Fragment.ToString(), Does.Contain("\"Jane\""));
        Assert.That(after.Fragment.ToString(), Does.Contain("\"Janet\""));
        Assert.That(after.MergeKey, Is.Not.EqualTo(before.MergeKey));
    }

    [Test]
    public void An_order_and_its_product_events_share_one_profile_serialization_and_one_entry()
    {
        var endpoints = new KlaviyoClient(new HttpClient(), new KlaviyoClientOptions { ApiKey = "pk_test-key" }).CreateBulkEndpoints();
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@shop.test" },
            UniqueId = "order-1",
            Time = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
            Value = 25m,
            Products = [new OrderProduct { ProductId = "p1", Price = 10m }, new OrderProduct { ProductId = "p2", Price = 15m }],
        };

        var measures = endpoints.OrderEvents!.Expand(order).Select(endpoints.EventCreate.Measure).ToList();

        Assert.That(measures, Has.Count.EqualTo(3));
        var wires = measures.Select(m => (BulkEventWire)m.Wire!).ToList();
        Assert.That(wires.Select(w => Buffer(w.Profile)).Distinct().Count(), Is.EqualTo(1), "one serialization, shared");
        Assert.That(measures.Select(m => m.MergeKey).Distinct().Count(), Is.EqualTo(1));
        Assert.That(measures.Select(m => m.ConflictKey).Distinct().Count(), Is.EqualTo(3));
    }

    private static byte[] Buffer(Klaviyo.Actions.Api.Json.JsonFragment fragment) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(fragment.Utf8Json, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
