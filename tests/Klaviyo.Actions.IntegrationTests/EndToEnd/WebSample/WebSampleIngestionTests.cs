using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>The web sample receiving Segment tracking calls and forwarding them to its emulator.</summary>
public class WebSampleIngestionTests
{
    private WebSampleFactory _factory = null!;

    [SetUp]
    public void StartSample() => _factory = new WebSampleFactory();

    [TearDown]
    public async Task StopSample() => await _factory.DisposeAsync();

    [Test]
    public async Task A_batch_lands_in_the_emulator_and_every_outcome_is_counted()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/batch", Json(TrackingPayloads.Batch));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonEquals(await ReadJsonAsync(response), """{"success":true}"""), Is.True);
        var emulator = _factory.Emulator;
        var ada = emulator.FindProfileByEmail("ada@shop-demo.test");
        var grace = emulator.FindProfileByEmail("grace@shop-demo.test");
        Assert.That(ada, Is.Not.Null);
        Assert.That(grace, Is.Not.Null);
        string[] MetricsOf(string id) => [.. emulator.Events.Where(e => e.ProfileId == id).Select(e => e.MetricName).Order(StringComparer.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(ada!.ExternalId, Is.EqualTo("user-1"), "identify and track meet on the external id");
            Assert.That(ada.FirstName, Is.EqualTo("Ada"));
            Assert.That(ada.LastName, Is.EqualTo("Lovelace"));
            Assert.That(MetricsOf(ada.Id), Is.EqualTo(new[] { "Order Completed", "Ordered Product", "Ordered Product", "Product Viewed" }));
            Assert.That(grace!.ExternalId, Is.EqualTo("user-2"));
            Assert.That(MetricsOf(grace.Id), Is.EqualTo(new[] { "Signed Up" }));
            Assert.That(emulator.Profiles, Has.Count.EqualTo(2), "the identify with a bad email created nothing");
            Assert.That(emulator.Events.Single(e => e.MetricName == "Product Viewed").UniqueId, Is.EqualTo("m-2"), "messageId is the dedup key");
        });

        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        var root = stats.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("accepted").GetInt64(), Is.EqualTo(7));
            Assert.That(root.GetProperty("routed").GetInt64(), Is.EqualTo(7));
            Assert.That(root.GetProperty("pending").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("unmatched").GetInt64(), Is.EqualTo(1), "the page call matches no mapping");
            var upsert = root.GetProperty("actions").GetProperty("upsertProfile");
            Assert.That(upsert.GetProperty("sent").GetInt64(), Is.EqualTo(2));
            Assert.That(upsert.GetProperty("invalid").GetInt64(), Is.EqualTo(1));
            Assert.That(root.GetProperty("actions").GetProperty("trackEvent").GetProperty("sent").GetInt64(), Is.EqualTo(2));
            Assert.That(root.GetProperty("actions").GetProperty("orderCompleted").GetProperty("sent").GetInt64(), Is.EqualTo(1));
            var problem = root.GetProperty("recent_problems").EnumerateArray().Single();
            Assert.That(problem.GetProperty("message_id").GetString(), Is.EqualTo("m-6"));
            Assert.That(problem.GetProperty("kind").GetString(), Is.EqualTo("invalid"));
            Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("email: email_format"));
            Assert.That(root.GetRawText(), Does.Not.Contain("not-an-email"), "personal data stays out of the stats");
        });
    }

    [Test]
    public async Task Single_calls_and_short_aliases_take_their_type_from_the_route()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var identify = await client.PostAsync("/v1/identify", Json("""{"userId":"u-9","traits":{"email":"nine@shop-demo.test"}}"""));
        using var track = await client.PostAsync("/v1/t", Json("""{"userId":"u-9","event":"Cart Viewed","type":"identify","properties":{"items":2}}"""));
        await _factory.WaitForIdleAsync();

        Assert.That(identify.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(track.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var profile = _factory.Emulator.FindProfileByEmail("nine@shop-demo.test");
        Assert.That(profile?.ExternalId, Is.EqualTo("u-9"));
        var cartViewed = _factory.Emulator.Events.Single();
        Assert.That(cartViewed.MetricName, Is.EqualTo("Cart Viewed"), "/v1/t is a track, whatever the body's type says");
        Assert.That(cartViewed.ProfileId, Is.EqualTo(profile!.Id));
        Assert.That(cartViewed.UniqueId, Does.StartWith("ws-"), "a missing messageId is generated");
    }

    [Test]
    public async Task A_gzip_encoded_batch_is_read()
    {
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        using var content = new ByteArrayContent(Gzip(TrackingPayloads.Batch));
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync("/v1/batch", content);
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_factory.Emulator.Events, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task The_body_write_key_is_accepted_without_an_authorization_header()
    {
        using var client = _factory.CreateClient(writeKey: null);

        using var response = await client.PostAsync("/v1/track", Json($$$"""{"writeKey":"{{{WebSampleFactory.WriteKey}}}","userId":"u-1","event":"Opened App","properties":{"screen":"home"}}"""));
        await _factory.WaitForIdleAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_factory.Emulator.Events.Single().MetricName, Is.EqualTo("Opened App"));
        Assert.That(_factory.Emulator.Events.Single().Properties.TryGetProperty("writeKey", out _), Is.False);
    }

    [Test]
    public async Task Health_is_healthy_and_the_emulator_address_is_discoverable()
    {
        using var client = _factory.CreateClient();

        string health = await client.GetStringAsync("/health");
        using var emulator = JsonDocument.Parse(await client.GetStringAsync("/emulator"));

        Assert.That(health, Is.EqualTo("Healthy"));
        Assert.That(emulator.RootElement.GetProperty("base_address").GetString(), Is.EqualTo(_factory.Emulator.BaseAddress.AbsoluteUri));
        Assert.That(emulator.RootElement.GetProperty("inspection_address").GetString(), Is.EqualTo(_factory.Emulator.BaseAddress.AbsoluteUri + "__emulator/"));
    }

    internal static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    internal static async Task<string> ReadJsonAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    internal static bool JsonEquals(string actual, string expected) =>
        JsonElement.DeepEquals(JsonDocument.Parse(actual).RootElement, JsonDocument.Parse(expected).RootElement);

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
