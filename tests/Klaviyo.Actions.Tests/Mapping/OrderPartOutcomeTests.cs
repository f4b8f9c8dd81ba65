using System.Net;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Client.Support;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>
/// An Order Completed sent one event at a time (the order event, then one per product) over MockHttp: when Klaviyo
/// refuses one event, the order's outcome says which events got in and which did not.
/// </summary>
public class OrderPartOutcomeTests
{
    private const string Refusal = """
        {"errors":[{"id":"e1","status":400,"code":"invalid","title":"Invalid input.","detail":"A string in event properties cannot be larger than 100KB.","source":{"pointer":"/data/attributes/properties"}}]}
        """;

    private static Func<HttpRequestMessage, bool> BodyHolds(string text) => request =>
    {
        using var reader = new StreamReader(request.Content!.ReadAsStream());
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    };

    private static KlaviyoDestination Destination(KlaviyoApiMock api) =>
        new(
            new DestinationConfiguration(new DestinationSettings(), [MappingDefinition.ForEvents("orderCompleted")]),
            api.CreateClient(),
            new KlaviyoDestinationOptions { TimeProvider = api.Time });

    [Test]
    public async Task A_refused_product_event_fails_the_order_and_its_outcome_names_every_event()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.BadRequest, Refusal, match: BodyHolds("\"msg-track-1:p-2\""));
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        await using var destination = Destination(api);

        var result = await destination.SendJsonAsync(TestEvents.SpecOrder);

        var failed = (FailedOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(api.RequestsTo(HttpMethod.Post, "/api/events"), Has.Count.EqualTo(3), "the order event and both product events were sent");
            Assert.That(
                failed.Parts.Select(p => (p.Index, p.Name, p.ProductId, p.Outcome.Status)),
                Is.EqualTo(new[]
                {
                    (0, "order event", (string?)null, KlaviyoItemStatus.Accepted),
                    (1, "Ordered Product 1 of 2 (product_id p-1)", "p-1", KlaviyoItemStatus.Accepted),
                    (2, "Ordered Product 2 of 2 (product_id p-2)", "p-2", KlaviyoItemStatus.Rejected),
                }));
            Assert.That(
                failed.Message,
                Is.EqualTo("order event accepted; Ordered Product 1 of 2 (product_id p-1) accepted; Ordered Product 2 of 2 (product_id p-2) failed: Klaviyo refused it 400 (invalid)"));
            Assert.That(failed.ToString(), Does.EndWith(failed.Message));
            Assert.That(failed.IsRejected, Is.True, "the worst event decides: resending the order unchanged will not help");
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(failed.ItemOutcome!.Parts, Is.SameAs(failed.Parts));
            Assert.That(failed.Parts[2].Outcome.Error!.Code, Is.EqualTo("invalid"));
        });
    }

    [Test]
    public async Task A_failed_order_event_sends_no_product_event_and_says_so_for_each()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.BadRequest, Refusal);
        await using var destination = Destination(api);

        var result = await destination.SendJsonAsync(TestEvents.SpecOrder);

        var failed = (FailedOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(api.RequestsTo(HttpMethod.Post, "/api/events"), Has.Count.EqualTo(1));
            Assert.That(failed.Parts.Select(p => p.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Failed, KlaviyoItemStatus.Failed }));
            Assert.That(failed.Parts.Skip(1).Select(p => p.Outcome.Reason), Is.All.EqualTo("not sent: the order event was not accepted"));
            Assert.That(failed.Message, Does.StartWith("order event failed: Klaviyo refused it 400 (invalid); Ordered Product 1 of 2 (product_id p-1) failed: not sent"));
        });
    }

    [Test]
    public async Task The_single_call_still_throws_the_first_failure_after_trying_every_product()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.BadRequest, Refusal, match: BodyHolds("\"msg-track-1:p-1\""));
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            UniqueId = "msg-track-1",
            Time = api.Time.GetUtcNow(),
            Products = [new OrderProduct { ProductId = "p-1" }, new OrderProduct { Sku = "SKU-2" }],
        };

        var thrown = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().TrackOrderCompletedAsync(order));

        Assert.That(thrown!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(api.RequestsTo(HttpMethod.Post, "/api/events"), Has.Count.EqualTo(3), "a refused product does not stop the others");
    }
}
