using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// README "Klaviyo → Segment": the registration reads the emulator and posts to Segment's tracking API, here a
/// recording handler on the sync's named HttpClient (the README's hook for a proxy or handler).
/// </summary>
public class KlaviyoToSegmentSnippetTests
{
    [Test]
    public async Task The_registration_sends_the_changed_profiles_and_chosen_events_to_Segment_at_start()
    {
        await using var emulator = await KlaviyoEmulator.StartAsync();
        var klaviyo = new KlaviyoClient(new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress });
        await klaviyo.UpsertProfileAsync(new UpsertProfileRequest { ExternalId = "u-1", Email = "ada@example.org", FirstName = "Ada" });
        await klaviyo.UpsertProfileAsync(new UpsertProfileRequest { Email = "klaviyo-only@example.org" });
        await klaviyo.TrackEventAsync(new TrackEventRequest { Profile = new EventProfile { ExternalId = "u-1" }, MetricName = "Placed Order", Value = 42m });
        await klaviyo.TrackEventAsync(new TrackEventRequest { Profile = new EventProfile { ExternalId = "u-1" }, MetricName = "Opened Email" });
        var segment = new SegmentRecorder();
        using var folder = new WorkingDirectory();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klaviyo:ApiKey"] = emulator.ApiKey,
            ["Klaviyo:BaseAddress"] = emulator.BaseAddress.AbsoluteUri,
            ["Segment:WriteKey"] = "readme-write-key",
        });
        builder.Services.AddHttpClient(KlaviyoToSegmentServiceCollectionExtensions.SegmentHttpClientName).ConfigurePrimaryHttpMessageHandler(() => segment.Handler);

        // README:begin Klaviyo → Segment
        builder.Services.AddKlaviyoActions(builder.Configuration);
        builder.Services.AddKlaviyoToSegmentSync(o =>                          // runs at start, then every o.Interval
        {
            o.Segment.WriteKey = builder.Configuration["Segment:WriteKey"];     // Region = Eu, or BaseAddress = a proxy
            o.SourceOfTruth = KlaviyoToSegmentSourceOfTruth.Segment;
            o.MetricNames = ["Placed Order"];
        }).AddKlaviyoToSegmentSqliteCursorStore("state/sync.db");              // or AddKlaviyoToSegmentPostgreSqlCursorStore(cs)
        // README:end

        await using var app = builder.Build();
        await app.StartAsync();
        var messages = await segment.WaitForAsync(m => m.Any(IsIdentifyOfU1) && m.Any(IsPlacedOrder));
        await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(messages.Count(IsIdentifyOfU1), Is.EqualTo(1));
            Assert.That(messages.Single(IsIdentifyOfU1).GetProperty("traits").GetProperty("email").GetString(), Is.EqualTo("ada@example.org"));
            Assert.That(messages.Count(IsPlacedOrder), Is.EqualTo(1));
            Assert.That(messages.Select(Type), Is.All.AnyOf("identify", "track"));
            Assert.That(messages.Where(m => Type(m) == "track").Select(m => m.GetProperty("event").GetString()), Is.All.EqualTo("Placed Order"), "only the chosen metric");
            Assert.That(messages.Where(m => Type(m) == "identify").Select(m => m.GetProperty("traits").GetProperty("email").GetString()), Does.Not.Contain("klaviyo-only@example.org"), "Segment is the source of truth: a Klaviyo-only profile is not sent");
            Assert.That(segment.Authorizations, Is.All.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("readme-write-key:"))));
            Assert.That(File.Exists(Path.Combine(folder.Path, "state", "sync.db")), Is.True, "the cursor file at the README's relative path");
        });
    }

    private static string? Type(JsonElement message) => message.GetProperty("type").GetString();

    private static bool IsIdentifyOfU1(JsonElement message) =>
        Type(message) == "identify" && message.TryGetProperty("userId", out var user) && user.GetString() == "u-1";

    private static bool IsPlacedOrder(JsonElement message) =>
        Type(message) == "track" && message.GetProperty("event").GetString() == "Placed Order";

    /// <summary>Segment's <c>/v1/batch</c>: answers 200 and keeps every message and Authorization header.</summary>
    private sealed class SegmentRecorder
    {
        private readonly object _gate = new();
        private readonly List<JsonElement> _messages = [];
        private readonly List<string> _authorizations = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SegmentRecorder() => Handler.When(HttpMethod.Post, "*/v1/batch").Respond(RecordAsync);

        public MockHttpMessageHandler Handler { get; } = new();

        public IReadOnlyList<string> Authorizations { get { lock (_gate) { return [.. _authorizations]; } } }

        /// <summary>Waits (real time, bounded) until the messages received so far satisfy <paramref name="done"/>.</summary>
        public async Task<IReadOnlyList<JsonElement>> WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> done)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (done(_messages))
                    {
                        return [.. _messages];
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(timeout.Token);
            }
        }

        private async Task<HttpResponseMessage> RecordAsync(HttpRequestMessage request)
        {
            Stream body = await request.Content!.ReadAsStreamAsync();
            if (request.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }

            using var document = await JsonDocument.ParseAsync(body);
            lock (_gate)
            {
                _messages.AddRange(document.RootElement.GetProperty("batch").EnumerateArray().Select(m => m.Clone()));
                _authorizations.Add(request.Headers.Authorization?.ToString() ?? "");
                var changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.SetResult();
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"success":true}""", Encoding.UTF8, "application/json") };
        }
    }
}
