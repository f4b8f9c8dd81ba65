using System.Collections.Concurrent;
using System.Net;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>Bulk requests run inside the client's send policy (rate limiting and retries) under their own Klaviyo operation.</summary>
public sealed class BulkSendPolicyTests
{
    [Test]
    public async Task A_bulk_request_the_policy_retries_is_resent_with_byte_identical_events()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.EventsPath, (_, n) => n == 1
            ? BulkWireMock.Json(HttpStatusCode.TooManyRequests, KlaviyoBodies.Throttled429)
            : new HttpResponseMessage(HttpStatusCode.Accepted));
        var policy = new RetryThrottledOncePolicy();
        var bulk = new KlaviyoBulkClient(CreateClient(mock, policy), new KlaviyoBatchingOptions { MaxConcurrentRequests = 1 });

        var result = await bulk.TrackEventsAsync([
            new TrackEventRequest { Profile = new EventProfile { Email = "ann@shop.test" }, MetricName = "Viewed Product" },
            new TrackEventRequest { Profile = new EventProfile { Email = "bo@shop.test" }, MetricName = "Viewed Product", Properties = new Dictionary<string, object?> { ["sku"] = "A1" } },
        ]);

        var sent = mock.To(HttpMethod.Post, BulkWireMock.EventsPath);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(sent, Has.Count.EqualTo(2));
            Assert.That(sent[1].Body, Is.EqualTo(sent[0].Body), "a retry resends the same times and unique_ids");
            Assert.That(policy.Operations, Is.EqualTo(new[] { KlaviyoOperation.BulkCreateEvents }));
        });
    }

    [Test]
    public async Task Every_bulk_request_goes_through_the_policy_under_its_operation()
    {
        var mock = new BulkWireMock();
        mock.AcceptEverything();
        mock.AcceptListRemovals("Y6nRLr");
        mock.Directory.Add("01BO", email: "bo@shop.test");
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB1", "complete", 1, 1)));
        var policy = new RetryThrottledOncePolicy();
        var bulk = new KlaviyoBulkClient(CreateClient(mock, policy), new KlaviyoBatchingOptions { MaxConcurrentRequests = 1, TrackImportJobs = true });

        var result = await mock.Clock.RunAsync(
            bulk.SendAsync([
                new UpsertProfileRequest { Email = "ann@shop.test" },
                new TrackEventRequest { Profile = new EventProfile { Email = "ann@shop.test" }, MetricName = "M", UniqueId = "e1" },
                new SubscribeProfileRequest { Email = "cy@shop.test" },
                new UnsubscribeProfileRequest { Email = "di@shop.test" },
                new RemoveProfileFromListRequest { ListId = "Y6nRLr", Email = "bo@shop.test" },
            ]),
            TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(policy.Operations, Is.EquivalentTo(new[]
            {
                KlaviyoOperation.GetProfiles, KlaviyoOperation.BulkImportProfiles, KlaviyoOperation.BulkCreateEvents, KlaviyoOperation.BulkSubscribeProfiles,
                KlaviyoOperation.BulkUnsubscribeProfiles, KlaviyoOperation.RemoveProfilesFromList, KlaviyoOperation.GetBulkImportProfilesJob,
            }));
        });
    }

    private static KlaviyoClient CreateClient(BulkWireMock mock, IKlaviyoSendPolicy policy)
    {
        var options = new KlaviyoClientOptions { ApiKey = KlaviyoApiMock.ApiKey, BaseAddress = KlaviyoApiMock.BaseAddress };
        return new KlaviyoClient(mock.Handler.ToHttpClient(), () => options, policy, loggerFactory: null, mock.Clock);
    }

    /// <summary>Records each operation and retries a 429 once, as a retrying policy would.</summary>
    private sealed class RetryThrottledOncePolicy : IKlaviyoSendPolicy
    {
        private readonly ConcurrentQueue<KlaviyoOperation> _operations = new();

        public IReadOnlyList<KlaviyoOperation> Operations => [.. _operations];

        public async ValueTask<HttpResponseMessage> SendAsync(
            KlaviyoOperation operation,
            Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt,
            CancellationToken cancellationToken)
        {
            _operations.Enqueue(operation);
            var response = await attempt(cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            response.Dispose();
            return await attempt(cancellationToken);
        }
    }
}
