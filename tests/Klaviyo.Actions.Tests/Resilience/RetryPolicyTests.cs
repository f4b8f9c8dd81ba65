using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Resilience;

/// <summary>What is retried, how often, and with which request.</summary>
public class RetryPolicyTests
{
    private static readonly TimeSpan ShortWaits = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Server_errors_are_retried_with_growing_backoff_until_success()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.InternalServerError)
            .Then(HttpStatusCode.InternalServerError)
            .Then(HttpStatusCode.InternalServerError)
            .ThenOk();

        var call = h.GetAccountsAsync();
        var delays = new List<TimeSpan>();
        for (int i = 0; i < 3; i++)
        {
            var delay = await h.Time.NextTimerWithinAsync(ShortWaits);
            delays.Add(delay);
            h.Time.Advance(delay);
        }

        var response = await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(4));
            Assert.That(delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(3000) }));
        });
    }

    [Test]
    public async Task Backoff_never_exceeds_max_delay()
    {
        using var h = new TransportHarness(o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromSeconds(4);
            o.Resilience.MaxDelay = TimeSpan.FromSeconds(5);
        });
        h.Klaviyo.Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.BadGateway).ThenOk();

        var call = h.GetAccountsAsync();
        var first = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(first);
        var second = await h.Time.NextTimerWithinAsync(ShortWaits);
        h.Time.Advance(second);
        await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(TimeSpan.FromSeconds(3)));    // step 4 s → 3 s at jitter 0.5
            Assert.That(second, Is.EqualTo(TimeSpan.FromSeconds(3.75))); // step 8 s capped at 5 s → 3.75 s
        });
    }

    [Test]
    public async Task Gives_up_after_max_retry_attempts_with_the_last_error()
    {
        using var h = new TransportHarness(o => o.Resilience.MaxRetryAttempts = 2);
        h.Klaviyo.Then(HttpStatusCode.ServiceUnavailable);

        var call = h.GetAccountsAsync();
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var error = await call.ThrowsAsync<KlaviyoApiException>();

        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        });
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.Conflict)]
    [TestCase(HttpStatusCode.RequestEntityTooLarge)]
    [TestCase(HttpStatusCode.UnprocessableEntity)]
    [TestCase(HttpStatusCode.NotImplemented)]
    public async Task Client_errors_and_501_are_never_retried(HttpStatusCode status)
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(status, """{"errors":[{"status":400,"code":"invalid","title":"Invalid input.","detail":"bad"}]}""").ThenOk();

        var error = await h.GetAccountsAsync().ThrowsAsync<KlaviyoApiException>();

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
            Assert.That(h.Time.Armed.Where(d => d <= ShortWaits), Is.Empty, "no retry delay was armed");
        });
    }

    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Transient_statuses_are_retried_for_idempotent_operations(HttpStatusCode status)
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(status).ThenOk();

        var call = h.SendAsync(KlaviyoOperation.CreateOrUpdateProfile, HttpMethod.Post, "api/profile-import", Encoding.UTF8.GetBytes("{}"));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var response = await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Connection_failures_are_retried_for_idempotent_operations()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenThrow(new HttpRequestException("connection refused")).ThenOk();

        var call = h.GetAccountsAsync();
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var response = await call.Settled();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Events_with_a_unique_id_are_retried_on_server_errors()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.Accepted);

        var call = h.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, "api/events", Encoding.UTF8.GetBytes("""{"data":{"type":"event","attributes":{"unique_id":"m-1"}}}"""));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var response = await call.Settled();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task Create_list_is_not_retried_after_an_unknown_outcome(HttpStatusCode status)
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(status).Then(HttpStatusCode.Created, """{"data":{"type":"list","id":"L2"}}""");

        var error = await h.SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, "api/lists", Encoding.UTF8.GetBytes("""{"data":{"type":"list","attributes":{"name":"VIP"}}}"""))
            .ThrowsAsync<KlaviyoApiException>();

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(status));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(1), "a second create_list could create a duplicate list");
        });
    }

    [Test]
    public async Task Create_list_is_not_retried_after_a_connection_failure()
    {
        using var h = new TransportHarness();
        h.Klaviyo.ThenThrow(new HttpRequestException("reset")).Then(HttpStatusCode.Created);

        await h.SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, "api/lists", Encoding.UTF8.GetBytes("{}"))
            .ThrowsAsync<HttpRequestException>();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Create_list_is_retried_on_429_because_Klaviyo_did_not_process_it()
    {
        using var h = new TransportHarness();
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Then(HttpStatusCode.Created, """{"data":{"type":"list","id":"L1"}}""");

        var call = h.SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, "api/lists", Encoding.UTF8.GetBytes("{}"));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        var response = await call.Settled();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
    }

    [Test]
    public async Task Every_attempt_sends_the_same_body_and_headers()
    {
        using var h = new TransportHarness();
        const string json = """{"data":{"type":"event","attributes":{"unique_id":"m-1","properties":{"value":9.99,"items":["a","b"]}}}}""";
        h.Klaviyo.Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.Accepted);

        var call = h.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, "api/events", Encoding.UTF8.GetBytes(json));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        await call.Settled();

        var requests = h.Klaviyo.Requests;
        Assert.That(requests, Has.Count.EqualTo(3));
        var expected = JsonNode.Parse(json);
        Assert.Multiple(() =>
        {
            foreach (var request in requests)
            {
                Assert.That(JsonNode.DeepEquals(JsonNode.Parse(request.Body!), expected), Is.True);
                Assert.That(request.Authorization, Is.EqualTo("Klaviyo-API-Key " + h.Options.ApiKey));
                Assert.That(request.Revision, Is.EqualTo(KlaviyoClientOptions.DefaultRevision));
                Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
                Assert.That(request.Uri.AbsoluteUri, Is.EqualTo("https://a.klaviyo.com/api/events"));
            }
        });
    }

    [Test]
    public async Task Responses_that_are_retried_are_disposed()
    {
        using var h = new TransportHarness();
        var contents = new List<TrackingContent>();
        for (int i = 0; i < 2; i++)
        {
            h.Klaviyo.Then(HttpStatusCode.InternalServerError, configure: r =>
            {
                var content = new TrackingContent();
                contents.Add(content);
                r.Content = content;
            });
        }

        h.Klaviyo.ThenOk();
        var call = h.GetAccountsAsync();
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(ShortWaits));
        await call.Settled();

        Assert.That(contents, Has.Count.EqualTo(2));
        Assert.That(contents.Select(c => c.Disposed), Is.All.True);
    }

    [Test]
    public async Task Cancellation_stops_a_retry_wait()
    {
        using var h = new TransportHarness();
        h.Klaviyo.Then(HttpStatusCode.InternalServerError).ThenOk();
        using var cts = new CancellationTokenSource();

        var call = h.GetAccountsAsync(cts.Token);
        await h.Time.NextTimerWithinAsync(ShortWaits);
        cts.Cancel();

        Assert.That(async () => await call.Settled(), Throws.InstanceOf<OperationCanceledException>());
        h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task An_attempt_that_hangs_times_out_and_is_retried()
    {
        using var h = new TransportHarness(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5));
        h.Klaviyo.ThenHang().ThenOk();

        var call = h.GetAccountsAsync();
        await h.Klaviyo.WaitForRequestsAsync(1);
        var attemptTimeout = await h.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(5));
        h.Time.Advance(attemptTimeout);
        var delay = await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(1));
        h.Time.Advance(delay);
        var response = await call.Settled();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(h.Klaviyo.Count, Is.EqualTo(2));
            Assert.That(h.Klaviyo.Requests[1].At - TransportHarness.Start, Is.EqualTo(TimeSpan.FromSeconds(5.75)));
        });
    }

    [Test]
    public async Task An_attempt_timeout_of_create_list_is_not_retried()
    {
        using var h = new TransportHarness(o => o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5));
        h.Klaviyo.ThenHang().ThenOk();

        var call = h.SendAsync(KlaviyoOperation.CreateList, HttpMethod.Post, "api/lists", Encoding.UTF8.GetBytes("{}"));
        await h.Klaviyo.WaitForRequestsAsync(1);
        h.Time.Advance(await h.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(5)));
        var error = await call.ThrowsAsync<TimeoutException>();

        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("create_list"));
    }

    [Test]
    public async Task The_total_timeout_ends_the_call_across_retries()
    {
        using var h = new TransportHarness(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(25);
        });
        h.Klaviyo.ThenHang();

        var call = h.GetAccountsAsync();

        // Attempts start at 0 s, 10.75 s and 22.25 s (backoff 0.75 s, 1.5 s) and each hangs; the total timeout fires at 25 s.
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            await h.Klaviyo.WaitForRequestsAsync(attempt);
            await h.Time.NextTimerAsync(d => d == TimeSpan.FromSeconds(10));
            if (attempt == 3)
            {
                break;
            }

            h.Time.Advance(TimeSpan.FromSeconds(10));
            h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(5)));
        }

        Assert.That(h.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(22.25)));
        h.Time.Advance(TimeSpan.FromSeconds(2.75));

        var error = await call.ThrowsAsync<TimeoutException>();
        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Count, Is.EqualTo(3));
            Assert.That(error.Message, Does.Contain("get_accounts"));
            Assert.That(error.InnerException, Is.InstanceOf<Polly.Timeout.TimeoutRejectedException>());
            Assert.That(((Polly.Timeout.TimeoutRejectedException)error.InnerException!).Timeout, Is.EqualTo(TimeSpan.FromSeconds(25)));
        });
    }

    [Test]
    public async Task With_resilience_disabled_a_call_is_sent_once()
    {
        using var h = new TransportHarness(o => o.Resilience.Enabled = false);
        h.Klaviyo.Then(HttpStatusCode.ServiceUnavailable).ThenOk();

        var error = await h.GetAccountsAsync().ThrowsAsync<KlaviyoApiException>();

        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(h.Klaviyo.Count, Is.EqualTo(1));
    }

    private sealed class TrackingContent : ByteArrayContent
    {
        public TrackingContent()
            : base("""{"errors":[]}"""u8.ToArray())
        {
        }

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
