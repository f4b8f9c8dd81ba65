using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Klaviyo.Actions.Tests.Sync.Segment;

/// <summary>One <c>POST /v1/batch</c> as it went over the wire, with its body uncompressed.</summary>
internal sealed record SegmentCall(Uri Uri, string? Authorization, string? ContentEncoding, string? ContentType, int CompressedBytes, byte[] Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public IReadOnlyList<JsonElement> Messages => [.. Json.GetProperty("batch").EnumerateArray()];

    public IReadOnlyList<string> MessageIds => [.. Messages.Select(m => m.GetProperty("messageId").GetString()!)];
}

/// <summary>A MockHttp Segment tracking API that records every batch (gunzipped) and answers as told (200 by default).</summary>
internal sealed class SegmentApiMock
{
    public static readonly Uri BaseAddress = new("https://segment.test/");

    private readonly ConcurrentQueue<SegmentCall> _calls = new();

    public SegmentApiMock()
    {
        Handler.When(HttpMethod.Post, "https://segment.test/v1/batch").Respond(async request =>
        {
            byte[] raw = await request.Content!.ReadAsByteArrayAsync();
            string? encoding = request.Content.Headers.ContentEncoding.FirstOrDefault();
            byte[] body = encoding == "gzip" ? Gunzip(raw) : raw;
            var call = new SegmentCall(request.RequestUri!, request.Headers.Authorization?.ToString(), encoding, request.Content.Headers.ContentType?.ToString(), raw.Length, body);
            _calls.Enqueue(call);
            return Answer(_calls.Count - 1) ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"success":true}""", Encoding.UTF8, "application/json") };
        });
    }

    public MockHttpMessageHandler Handler { get; } = new();

    /// <summary>Decides the answer to call <c>n</c> (0-based); <see langword="null"/> means 200.</summary>
    public Func<int, HttpResponseMessage?> Answer { get; set; } = _ => null;

    public IReadOnlyList<SegmentCall> Calls => [.. _calls];

    private static byte[] Gunzip(byte[] raw)
    {
        using var input = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
