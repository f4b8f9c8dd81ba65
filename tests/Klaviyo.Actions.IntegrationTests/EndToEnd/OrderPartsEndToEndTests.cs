using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// An Order Completed whose second product's event breaks one of Klaviyo's limits (more than 400 properties through the
/// destination, where the order event carries the products too; a string over 100 KB in bulk), against the emulator:
/// the order event and the first product's event are stored, the second product's is refused, and the order's outcome
/// says exactly that, sent one event at a time through the destination and in bulk.
/// </summary>
public class OrderPartsEndToEndTests : EmulatorFixture
{
    private static readonly string TooLong = new('x', 150_000);

    /// <summary>401 extra product keys: the product's event has more than Klaviyo's 400 properties, the order event only a few.</summary>
    private static readonly string ManyKeys = string.Join(",", Enumerable.Range(0, 401).Select(k => $"\"k{k}\":{k}"));

    private string OrderJson() => $$$"""
        {"type":"track","event":"Order Completed","messageId":"order-parts-1","userId":"buyer-1",
         "timestamp":"{{{Time.GetUtcNow():O}}}",
         "context":{"traits":{"email":"buyer@shop-demo.test"}},
         "properties":{"order_id":"o-1","revenue":22,"currency":"USD","products":[
           {"product_id":"p-1","name":"Monopoly","price":19},
           {"product_id":"p-2","name":"Uno","price":3,{{{ManyKeys}}}}]}}
        """;

    [Test]
    public async Task The_destination_names_which_events_of_a_half_delivered_order_got_in()
    {
        await using var destination = new KlaviyoDestination(
            new DestinationConfiguration(new DestinationSettings(), [MappingDefinition.ForEvents("orderCompleted")]),
            Client,
            new KlaviyoDestinationOptions { TimeProvider = Time });

        var result = await destination.SendJsonAsync(OrderJson());

        var failed = (FailedOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Events.Select(e => (e.MetricName, e.Properties.TryGetProperty("product_id", out var id) ? id.GetString() : null)),
                Is.EquivalentTo(new[] { ("Order Completed", (string?)null), ("Ordered Product", "p-1") }));
            Assert.That(failed.Parts.Select(p => p.IsAccepted), Is.EqualTo(new[] { true, true, false }));
            Assert.That(failed.Message, Does.StartWith("order event accepted; Ordered Product 1 of 2 (product_id p-1) accepted; Ordered Product 2 of 2 (product_id p-2) failed: Klaviyo refused it 400"));
            Assert.That(failed.IsRejected, Is.True);
        });
    }

    [Test]
    public async Task A_bulk_order_names_the_refused_product_event_and_keeps_the_rest()
    {
        var request = new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "buyer@shop-demo.test" },
            UniqueId = "order-parts-2",
            Time = Time.GetUtcNow(),
            Value = 22m,
            Products =
            [
                new OrderProduct { ProductId = "p-1", Name = "Monopoly" },
                new OrderProduct
                {
                    ProductId = "p-2",
                    Name = "Uno",
                    AdditionalProperties = new Dictionary<string, object?> { ["description"] = TooLong },
                },
            ],
        };

        var result = await Client.Bulk.TrackOrdersCompletedAsync([request]);

        var outcome = result.Items.Single().Outcome;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(KlaviyoItemStatus.Rejected));
            Assert.That(outcome.Parts.Select(p => (p.Name, p.IsAccepted)), Is.EqualTo(new[]
            {
                ("order event", true),
                ("Ordered Product 1 of 2 (product_id p-1)", true),
                ("Ordered Product 2 of 2 (product_id p-2)", false),
            }));
            Assert.That(Emulator.Events.Select(e => e.MetricName), Is.EquivalentTo(new[] { "Order Completed", "Ordered Product" }));
        });
    }
}
