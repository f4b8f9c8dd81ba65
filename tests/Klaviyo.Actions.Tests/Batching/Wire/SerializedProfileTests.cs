using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>
/// The bulk events endpoint serializes a profile once for the events of one item that share it (an order and its
/// product events), keeps nothing of it between items, and never reuses a serialization that could be stale.
/// </summary>
public class SerializedProfileTests
{
    private static readonly KlaviyoBulkEndpoints Endpoints =
        new KlaviyoClient(new HttpClient(), new KlaviyoClientOptions { ApiKey = "pk_test-key" }).CreateBulkEndpoints();

    [Test]
    public void The_next_event_of_the_same_profile_instance_reuses_its_fragment_and_key()
    {
        var profile = new EventProfile { Email = "jane@shop.test", ExternalId = "u-1" };

        var first = Endpoints.EventCreate.Measure(Event(profile, "e-1"));
        var second = Endpoints.EventCreate.MeasureNext(Event(profile, "e-2"), first);

        Assert.That(Buffer(Wire(second).Profile), Is.SameAs(Buffer(Wire(first).Profile)));
        Assert.That(second.MergeKey, Is.EqualTo(first.MergeKey));
    }

    [Test]
    public void Separate_items_serialize_their_profile_afresh_because_the_endpoint_keeps_nothing()
    {
        // The profile holds personal data: shared between one item's parts only, through their measures.
        var profile = new EventProfile { Email = "jane@shop.test", ExternalId = "u-1" };

        var first = Endpoints.EventCreate.Measure(Event(profile, "e-1"));
        var again = Endpoints.EventCreate.Measure(Event(profile, "e-2"));

        Assert.That(Buffer(Wire(again).Profile), Is.Not.SameAs(Buffer(Wire(first).Profile)), "serialized afresh: nothing was kept");
        Assert.That(again.MergeKey, Is.EqualTo(first.MergeKey));
    }

    [Test]
    public void An_equal_profile_gets_an_equal_key_so_its_events_still_share_an_entry()
    {
        var first = Endpoints.EventCreate.Measure(Event(new EventProfile { Email = "jane@shop.test" }, "e-1"));
        var second = Endpoints.EventCreate.MeasureNext(Event(new EventProfile { Email = "jane@shop.test" }, "e-2"), first);
        var other = Endpoints.EventCreate.MeasureNext(Event(new EventProfile { Email = "joe@shop.test" }, "e-3"), second);

        Assert.That(second.MergeKey, Is.EqualTo(first.MergeKey));
        Assert.That(other.MergeKey, Is.Not.EqualTo(first.MergeKey));
        Assert.That(Wire(other).Profile.ToString(), Does.Contain("joe@shop.test"));
    }

    [Test]
    public void A_profile_with_additional_attributes_is_serialized_again_so_a_changed_dictionary_is_sent_as_it_is()
    {
        var attributes = new Dictionary<string, object?> { ["first_name"] = "Jane" };
        var profile = new EventProfile { Email = "jane@shop.test", AdditionalAttributes = attributes };

        var before = Endpoints.EventCreate.Measure(Event(profile, "e-1"));
        attributes["first_name"] = "Janet";
        var after = Endpoints.EventCreate.MeasureNext(Event(profile, "e-2"), before);

        Assert.That(Wire(before).Profile.ToString(), Does.Contain("\"Jane\""));
        Assert.That(Wire(after).Profile.ToString(), Does.Contain("\"Janet\""));
        Assert.That(after.MergeKey, Is.Not.EqualTo(before.MergeKey));
    }

    [Test]
    public void An_order_and_its_product_events_share_one_profile_serialization_and_one_entry()
    {
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@shop.test" },
            UniqueId = "order-1",
            Time = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero),
            Value = 25m,
            Products = [new OrderProduct { ProductId = "p1", Price = 10m }, new OrderProduct { ProductId = "p2", Price = 15m }],
        };

        var parts = Endpoints.OrderEvents!.Expand(order);
        var measures = new List<BulkPartMeasure> { Endpoints.EventCreate.Measure(parts[0]) };
        for (int i = 1; i < parts.Count; i++)
        {
            measures.Add(Endpoints.EventCreate.MeasureNext(parts[i], measures[i - 1]));
        }

        Assert.That(measures, Has.Count.EqualTo(3));
        Assert.That(measures.Select(m => Buffer(Wire(m).Profile)).Distinct().Count(), Is.EqualTo(1), "one serialization, shared");
        Assert.That(measures.Select(m => m.MergeKey).Distinct().Count(), Is.EqualTo(1));
        Assert.That(measures.Select(m => m.ConflictKey).Distinct().Count(), Is.EqualTo(3));
    }

    private static TrackEventRequest Event(EventProfile profile, string uniqueId) =>
        new() { Profile = profile, MetricName = "Viewed", UniqueId = uniqueId };

    private static BulkEventWire Wire(BulkPartMeasure measure) => (BulkEventWire)measure.Wire!;

    private static byte[] Buffer(Klaviyo.Actions.Api.Json.JsonFragment fragment) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(fragment.Utf8Json, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}

/// <summary>Per-thread scratch space used while serializing keeps no customer data once a call returns.</summary>
public class ThreadScratchTests
{
    [Test]
    public void Measuring_json_leaves_the_threads_scratch_buffer_zeroed()
    {
        int size = JsonByteCounter.Measure(w => w.WriteStringValue("jane.doe@shop.test"));

        Assert.That(size, Is.EqualTo("\"jane.doe@shop.test\"".Length));
        Assert.That(JsonByteCounter.ScratchIsZeroed(), Is.True);
    }

    [Test]
    public void Measuring_json_that_fails_halfway_still_leaves_the_scratch_buffer_zeroed()
    {
        Assert.Throws<InvalidOperationException>(() => JsonByteCounter.Measure(w =>
        {
            w.WriteStartObject();
            w.WriteString("email", "jane.doe@shop.test");
            throw new InvalidOperationException("a custom value failed");
        }));

        Assert.That(JsonByteCounter.ScratchIsZeroed(), Is.True);
    }

    [Test]
    public void A_normalized_phone_number_is_returned_without_a_thread_buffer()
    {
        Assert.That(Klaviyo.Actions.Validation.PhoneNumberNormalizer.TryNormalize("(415) 555-2671", "US", out string? e164), Is.True);
        Assert.That(e164, Is.EqualTo("+14155552671"));
        const string canonical = "+14155552671";
        Assert.That(Klaviyo.Actions.Validation.PhoneNumberNormalizer.TryNormalize(canonical, null, out string? same), Is.True);
        Assert.That(same, Is.SameAs(canonical), "a canonical input comes back as the same instance");
    }
}
