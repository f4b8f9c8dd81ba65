using System.Net;
using System.Text.Json;
using NUnit.Framework;
using static Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample.WebSampleIngestionTests;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>Calls the web sample refuses as a whole: write key, Segment's size limits, unreadable bodies.</summary>
public class WebSampleRefusalTests
{
    private WebSampleFactory _factory = null!;

    [SetUp]
    public void StartSample() => _factory = new WebSampleFactory();

    [TearDown]
    public async Task StopSample() => await _factory.DisposeAsync();

    [TestCase(null)]
    [TestCase("wrong-write-key")]
    public async Task Without_a_valid_write_key_the_call_is_refused_with_401(string? writeKey)
    {
        using var client = _factory.CreateClient(writeKey);

        using var response = await client.PostAsync("/v1/batch", Json(TrackingPayloads.Batch));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
        await AssertErrorAsync(response, "unauthorized");
        await AssertNothingRoutedAsync(client, "unauthorized");
    }

    [Test]
    public async Task A_single_call_over_32_kb_is_refused_with_400()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/track", Json(TrackingPayloads.Track("u-1", "Big", padding: 32 * 1024)));
        using var justUnder = await client.PostAsync("/v1/track", Json(TrackingPayloads.Track("u-1", "Small", padding: 31 * 1024)));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await AssertErrorAsync(response, "payload_too_large", "32 KB");
        Assert.That(justUnder.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_factory.Emulator.Events.Select(e => e.MetricName), Is.EqualTo(new[] { "Small" }));
    }

    [Test]
    public async Task A_batch_over_500_kb_is_refused_with_400_even_when_each_message_is_small()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        string messages = string.Join(",", Enumerable.Range(0, 20).Select(i =>
            $$$"""{"type":"track","userId":"u-{{{i}}}","event":"E","properties":{"note":"{{{new string('x', 26 * 1024)}}}"}}"""));

        using var response = await client.PostAsync("/v1/batch", Json($$"""{"batch":[{{messages}}]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await AssertErrorAsync(response, "payload_too_large", "500 KB");
        await AssertNothingRoutedAsync(client, "payload_too_large");
    }

    [Test]
    public async Task A_batch_with_one_message_over_32_kb_is_refused_naming_it()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        string big = new('x', 33 * 1024);

        using var response = await client.PostAsync("/v1/batch", Json($$$"""{"batch":[{"type":"track","userId":"u","event":"Ok"},{"type":"track","userId":"u","event":"Big","properties":{"note":"{{{big}}}"}}]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await AssertErrorAsync(response, "payload_too_large", "batch[1]");
        await AssertNothingRoutedAsync(client, "payload_too_large");
    }

    [TestCase("{\"batch\":[", "invalid_json")]
    [TestCase("{\"batch\":{}}", "invalid_request")]
    [TestCase("[1,2]", "invalid_request")]
    public async Task An_unreadable_body_is_refused_with_400(string body, string code)
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/batch", Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await AssertErrorAsync(response, code);
    }

    [Test]
    public async Task A_message_that_is_not_a_segment_event_is_accepted_but_counted_as_unreadable()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/batch", Json("""{"batch":[{"type":"launch","messageId":"odd-1","userId":"u"},{"type":"track","userId":"u","event":"Fine","properties":{"ok":true}}]}"""));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Segment answers 200 and drops what it cannot use");
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        Assert.That(stats.RootElement.GetProperty("unreadable").GetInt64(), Is.EqualTo(1));
        Assert.That(stats.RootElement.GetProperty("routed").GetInt64(), Is.EqualTo(2));
        Assert.That(stats.RootElement.GetProperty("recent_problems")[0].GetProperty("message_id").GetString(), Is.EqualTo("odd-1"));
        Assert.That(_factory.Emulator.Events.Single().MetricName, Is.EqualTo("Fine"));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, string code, string? mentions = null)
    {
        using var body = JsonDocument.Parse(await ReadJsonAsync(response));
        Assert.Multiple(() =>
        {
            Assert.That(body.RootElement.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(body.RootElement.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(body.RootElement.GetProperty("message").GetString(), mentions is null ? Is.Not.Empty : Does.Contain(mentions));
        });
    }

    private async Task AssertNothingRoutedAsync(HttpClient client, string refusal)
    {
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        Assert.Multiple(() =>
        {
            Assert.That(stats.RootElement.GetProperty("accepted").GetInt64(), Is.Zero);
            Assert.That(stats.RootElement.GetProperty("refused_calls").GetProperty(refusal).GetInt64(), Is.EqualTo(1));
            Assert.That(_factory.Emulator.RequestLog, Is.Empty, "nothing reached Klaviyo");
        });
    }
}
