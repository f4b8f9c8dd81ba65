namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>One request the SDK sent during a run, as the bare-HttpClient replay sends it again.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query under the emulator's address.</param>
/// <param name="Body">The exact body bytes, or <see langword="null"/>.</param>
/// <param name="ContentType">The body's media type, or <see langword="null"/>.</param>
internal sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, byte[]? Body, string? ContentType);
