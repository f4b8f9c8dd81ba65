using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>
/// Starts one emulator per test on a <see cref="SignalingTimeProvider"/> and offers raw HTTP helpers. Bodies are
/// hand-written JSON: nothing here uses the client library.
/// </summary>
public abstract class EmulatorTestBase
{
    protected const string JsonApi = "application/vnd.api+json";

    /// <summary>The emulator's start time: 2026-08-01T12:00:00Z.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

    protected SignalingTimeProvider Time { get; private set; } = null!;

    protected KlaviyoEmulator Emulator { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Time = new SignalingTimeProvider(Start);
        var options = new KlaviyoEmulatorOptions { TimeProvider = Time, Seed = 42 };
        Configure(options);
        Emulator = await KlaviyoEmulator.StartAsync(options);
        Http = Emulator.CreateHttpClient();
    }

    [TearDown]
    public async Task StopEmulatorAsync()
    {
        Http?.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>Adjusts the options of the emulator a test class starts.</summary>
    protected virtual void Configure(KlaviyoEmulatorOptions options)
    {
    }

    protected static StringContent Body(string json, string mediaType = JsonApi)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    protected Task<HttpResponseMessage> PostAsync(string path, string json) => Http.PostAsync(path, Body(json));

    protected Task<HttpResponseMessage> PatchAsync(string path, string json) => Http.PatchAsync(path, Body(json));

    protected Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    protected Task<HttpResponseMessage> DeleteAsync(string path, string json) =>
        Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = Body(json) });

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts the status and returns the first error object of a JSON:API error body.</summary>
    protected static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(JsonApi));
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.That(errors.GetArrayLength(), Is.GreaterThan(0));
        var error = errors[0];
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("id").GetString(), Is.Not.Empty);
            Assert.That(error.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(error.GetProperty("code").GetString(), Is.Not.Empty);
            Assert.That(error.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(error.GetProperty("detail").GetString(), Is.Not.Empty);
            Assert.That(error.TryGetProperty("meta", out _), Is.True);
        });
        return error;
    }

    protected static async Task<IReadOnlyList<string?>> PointersAsync(HttpResponseMessage response)
    {
        var root = await JsonAsync(response);
        return root.GetProperty("errors").EnumerateArray()
            .Select(error => error.GetProperty("source").TryGetProperty("pointer", out var pointer) ? pointer.GetString() : null)
            .ToList();
    }

    protected static string PointerOf(JsonElement error) => error.GetProperty("source").GetProperty("pointer").GetString()!;

    protected static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
    }

    /// <summary>Upserts a profile through <c>POST /api/profile-import</c> and returns its id.</summary>
    protected async Task<string> UpsertAsync(string attributesJson)
    {
        using var response = await PostAsync("api/profile-import", "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributesJson + "}}");
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("data").GetProperty("id").GetString()!;
    }

    protected async Task<string> CreateListAsync(string name)
    {
        using var response = await PostAsync("api/lists", "{\"data\":{\"type\":\"list\",\"attributes\":{\"name\":\"" + name + "\"}}}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("data").GetProperty("id").GetString()!;
    }
}
