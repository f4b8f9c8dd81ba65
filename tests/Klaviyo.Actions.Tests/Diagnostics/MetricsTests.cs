using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Diagnostics;

public class MetricsTests
{
    [Test]
    public async Task Requests_retries_throttling_and_durations_are_measured()
    {
        using var h = new TransportHarness();
        using var requests = new MetricCollector<long>(h.Meter, KlaviyoMetrics.RequestsName);
        using var retries = new MetricCollector<long>(h.Meter, KlaviyoMetrics.RetriesName);
        using var throttled = new MetricCollector<long>(h.Meter, KlaviyoMetrics.ThrottledName);
        using var duration = new MetricCollector<double>(h.Meter, KlaviyoMetrics.RequestDurationName);
        h.Klaviyo
            .Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Then(HttpStatusCode.InternalServerError)
            .ThenOk();

        var first = h.GetAccountsAsync();
        var second = h.GetAccountsAsync(); // XS tier: waits 1 s in the client-side limiter
        // The first call's Retry-After timer may be armed before or after the second call's limiter wait: wait for
        // each regardless of order.
        h.Time.Advance(await h.Time.ArmedAsync(d => d == TimeSpan.FromSeconds(1)));
        await h.Time.ArmedAsync(d => d == TimeSpan.FromSeconds(2));         // first call: Retry-After of its 429
        await h.Time.ArmedAsync(d => d == TimeSpan.FromMilliseconds(750));  // second call: backoff after its 500
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(first, second).Settled();

        var statuses = requests.GetMeasurementSnapshot()
            .Select(m => (int)m.Tags[KlaviyoMetrics.StatusCodeTag]!)
            .Order()
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 429, 500 }));
            Assert.That(requests.GetMeasurementSnapshot().All(m => (string?)m.Tags[KlaviyoMetrics.OperationTag] == "get_accounts"), Is.True);
            Assert.That(retries.GetMeasurementSnapshot().Select(m => m.Tags[KlaviyoMetrics.ErrorTypeTag]), Is.EquivalentTo(new object[] { "429", "500" }));
            Assert.That(throttled.GetMeasurementSnapshot().Select(m => m.Tags[KlaviyoMetrics.ThrottleSourceTag]), Is.EquivalentTo(new object[] { "server", "client" }));
            Assert.That(duration.GetMeasurementSnapshot(), Has.Count.EqualTo(requests.GetMeasurementSnapshot().Count));
            Assert.That(duration.Instrument!.Unit, Is.EqualTo("s"));
        });
    }

    [Test]
    public async Task Every_attempt_is_counted_with_its_status_and_a_retry_with_its_reason()
    {
        using var h = new TransportHarness();
        using var requests = new MetricCollector<long>(h.Meter, KlaviyoMetrics.RequestsName);
        using var retries = new MetricCollector<long>(h.Meter, KlaviyoMetrics.RetriesName);
        h.Klaviyo.Then(HttpStatusCode.BadGateway).ThenThrow(new HttpRequestException("reset")).Then(HttpStatusCode.Accepted);

        var call = h.SendAsync(KlaviyoOperation.CreateEvent, HttpMethod.Post, "api/events", Encoding.UTF8.GetBytes("{}"));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
        await call.Settled();

        var attempts = requests.GetMeasurementSnapshot();
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Has.Count.EqualTo(3));
            Assert.That(attempts[0].Tags[KlaviyoMetrics.StatusCodeTag], Is.EqualTo(502));
            Assert.That(attempts[0].Tags[KlaviyoMetrics.ErrorTypeTag], Is.EqualTo("502"));
            Assert.That(attempts[1].Tags.ContainsKey(KlaviyoMetrics.StatusCodeTag), Is.False);
            Assert.That(attempts[1].Tags[KlaviyoMetrics.ErrorTypeTag], Is.EqualTo("System.Net.Http.HttpRequestException"));
            Assert.That(attempts[2].Tags[KlaviyoMetrics.StatusCodeTag], Is.EqualTo(202));
            Assert.That(attempts[2].Tags.ContainsKey(KlaviyoMetrics.ErrorTypeTag), Is.False);
            Assert.That(retries.GetMeasurementSnapshot().Select(m => m.Tags[KlaviyoMetrics.ErrorTypeTag]), Is.EqualTo(new object[] { "502", "HttpRequestException" }));
        });
    }

    [Test]
    public void Items_are_counted_by_action_and_outcome()
    {
        using var meter = new System.Diagnostics.Metrics.Meter(KlaviyoDiagnostics.MeterName);
        var metrics = new KlaviyoMetrics(meter);
        using var items = new MetricCollector<long>(meter, KlaviyoMetrics.ItemsName);

        metrics.RecordItems("trackEvent", "succeeded", 3);
        metrics.RecordItems("trackEvent", "failed");
        metrics.RecordItems("upsertProfile", "dropped", 0);

        var snapshot = items.GetMeasurementSnapshot();
        Assert.That(snapshot, Has.Count.EqualTo(2));
        Assert.That(snapshot[0].Value, Is.EqualTo(3));
        Assert.That(snapshot[0].Tags[KlaviyoMetrics.ActionTag], Is.EqualTo("trackEvent"));
        Assert.That(snapshot[0].Tags[KlaviyoMetrics.OutcomeTag], Is.EqualTo("succeeded"));
        Assert.That(snapshot[1].Tags[KlaviyoMetrics.OutcomeTag], Is.EqualTo("failed"));
    }

    [Test]
    public void Without_a_meter_factory_the_static_meter_named_Klaviyo_Actions_is_used()
    {
        Assert.That(KlaviyoMetrics.Create(null), Is.SameAs(KlaviyoMetrics.Default));
        Assert.That(KlaviyoMetrics.Default.Meter.Name, Is.EqualTo("Klaviyo.Actions"));
    }

    [Test]
    public async Task The_action_activity_gets_the_status_attempts_and_retry_events()
    {
        using var h = new TransportHarness();
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KlaviyoDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        h.Klaviyo.Then(HttpStatusCode.InternalServerError).ThenOk();

        using (var activity = KlaviyoTelemetry.StartAction("upsertProfile"))
        {
            var call = h.GetAccountsAsync();
            h.Time.Advance(await h.Time.NextTimerWithinAsync(TimeSpan.FromSeconds(20)));
            await call.Settled();
        }

        var action = stopped.Single(a => a.DisplayName == "Klaviyo upsertProfile");
        Assert.Multiple(() =>
        {
            Assert.That(action.GetTagItem("klaviyo.action"), Is.EqualTo("upsertProfile"));
            Assert.That(action.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(action.GetTagItem("klaviyo.attempts"), Is.EqualTo(2));
            Assert.That(action.Events.Select(e => e.Name), Is.EqualTo(new[] { "klaviyo.retry" }));
        });
    }
}
