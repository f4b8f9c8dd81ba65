using System.Net;
using System.Text.Json;
using NUnit.Framework;
using static Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample.WebSampleIngestionTests;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>One message that cannot be read is rejected alone; the rest of its call is accepted and routed.</summary>
public class WebSamplePoisonMessageTests
{
    private WebSampleFactory _factory = null!;

    [SetUp]
    public void StartSample() => _factory = new WebSampleFactory();

    [TearDown]
    public async Task StopSample() => await _factory.DisposeAsync();

    /// <summary>Poison messages, one of each kind, with the reason each is counted under.</summary>
    internal static readonly (string Json, string? MessageId, string Rule)[] Poison =
    [
        ("""{"type":"track","messageId":"p-dup","userId":"u","event":"E","event":"F"}""", "p-dup", "duplicate_key"),
        ("""{"type":"track","messageId":"p-wk","writeKey":"a","writeKey":"b","userId":"u","event":"E"}""", "p-wk", "duplicate_key"),
        ("""{"type":"track","messageId":"p-sur","userId":"u","event":"Great gift \ud83d","properties":{}}""", "p-sur", "invalid_unicode"),
        ("""{"type":"track","messageId":"p-key","userId":"u","event":"E","properties":{"\udc00":1}}""", "p-key", "invalid_unicode"),
        ($$$"""{"type":"track","messageId":"p-deep","userId":"u","event":"E","properties":{"a":{{{new string('[', 200)}}}{{{new string(']', 200)}}}}}""", "p-deep", "max_depth"),
        ("42", null, "object"),
        ("""["not","an","object"]""", null, "object"),
    ];

    [Test]
    public async Task A_batch_with_poison_messages_keeps_every_good_one()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        var good = Enumerable.Range(0, 100 - Poison.Length)
            .Select(i => $$$"""{"type":"track","messageId":"g-{{{i}}}","userId":"u-{{{i}}}","event":"Good {{{i}}}","properties":{}}""");
        string body = $$"""{"batch":[{{string.Join(",", good.Concat(Poison.Select(p => p.Json)))}}]}""";

        using var response = await client.PostAsync("/v1/batch", Json(body));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ReadJsonAsync(response));
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        var root = stats.RootElement;
        var problems = root.GetProperty("recent_problems").EnumerateArray()
            .Select(p => (Id: p.GetProperty("message_id").GetString(), Reason: p.GetProperty("reason").GetString()))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("accepted").GetInt64(), Is.EqualTo(100));
            Assert.That(root.GetProperty("routed").GetInt64(), Is.EqualTo(100));
            Assert.That(root.GetProperty("unreadable").GetInt64(), Is.EqualTo(Poison.Length));
            Assert.That(_factory.Emulator.Events, Has.Count.EqualTo(100 - Poison.Length));
            foreach (var poison in Poison.Where(p => p.MessageId is not null))
            {
                Assert.That(problems, Has.One.Matches<(string? Id, string? Reason)>(p => p.Id == poison.MessageId && p.Reason!.EndsWith(": " + poison.Rule, StringComparison.Ordinal)), poison.MessageId);
            }
        });
    }

    [TestCase("""{"type":"track","userId":"u","event":"Great gift \ud83d"}""", "invalid_unicode")]
    [TestCase("""{"userId":"u","event":"E","event":"F"}""", "duplicate_key")]
    [TestCase("""{"userId":"u","event":"E","writeKey":"test-write-key","writeKey":"x"}""", "duplicate_key")]
    public async Task A_single_call_that_cannot_be_read_is_answered_200_and_counted_unreadable(string body, string rule)
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/track", Json(body));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        Assert.That(stats.RootElement.GetProperty("unreadable").GetInt64(), Is.EqualTo(1));
        Assert.That(stats.RootElement.GetProperty("recent_problems")[0].GetProperty("reason").GetString(), Is.EqualTo("$: " + rule));
    }

    [TestCase("""{"batch":[],"batch":[]}""")]
    [TestCase("""{"batch":[{"type":"track","userId":"u","event":"E"}],"batch":[]}""")]
    public async Task A_batch_array_given_twice_is_refused_with_400_not_500(string body)
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/batch", Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_duplicate_body_write_key_does_not_authenticate()
    {
        using var client = _factory.CreateClient(null);

        using var response = await client.PostAsync("/v1/batch", Json("""{"writeKey":"test-write-key","writeKey":"other","batch":[]}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_property_named_by_an_email_never_reaches_the_stats()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/track", Json("""{"messageId":"pii-1","userId":"u","event":"E","properties":{"jane.doe@example.com":1e999}}"""));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        string stats = await client.GetStringAsync("/v1/stats");
        Assert.That(stats, Does.Not.Contain("jane.doe"));
        Assert.That(stats, Does.Contain("properties.<redacted>").Or.Contain("properties.\u003Credacted\u003E"));
    }

    [TestCase("zstd")]
    [TestCase("gzip, zstd")]
    public async Task An_unknown_content_encoding_is_refused_with_415(string encoding)
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        using var content = Json("""{"batch":[{"type":"track","userId":"u","event":"E"}]}""");
        content.Headers.ContentEncoding.Clear();
        foreach (string e in encoding.Split(", "))
        {
            content.Headers.ContentEncoding.Add(e);
        }

        using var response = await client.PostAsync("/v1/batch", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(_factory.Emulator.RequestLog, Is.Empty);
    }

    [Test]
    public async Task The_depth_limit_is_the_consoles_sixty_four_levels()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        static string Nested(int containers) =>
            $$$"""{"type":"track","userId":"u","event":"D{{{containers}}}","properties":{"a":{{{new string('[', containers - 2)}}}{{{new string(']', containers - 2)}}}}}""";

        using var response = await client.PostAsync("/v1/batch", Json($$"""{"batch":[{{Nested(Klaviyo.Actions.Mapping.SegmentEvent.MaxDepth)}},{{Nested(Klaviyo.Actions.Mapping.SegmentEvent.MaxDepth + 1)}}]}"""));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        Assert.That(stats.RootElement.GetProperty("unreadable").GetInt64(), Is.EqualTo(1));
        Assert.That(stats.RootElement.GetProperty("recent_problems")[0].GetProperty("reason").GetString(), Is.EqualTo("batch[1]: max_depth"));
    }
}
