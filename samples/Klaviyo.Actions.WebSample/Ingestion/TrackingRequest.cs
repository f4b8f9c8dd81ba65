using System.Text.Json.Nodes;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>A tracking call read from its body: the messages it carries and the body's <c>writeKey</c>, if any.</summary>
/// <param name="Messages">The messages, already completed by <see cref="MessageNormalizer"/>.</param>
/// <param name="WriteKey">The body's <c>writeKey</c> (Segment's alternative to Basic auth).</param>
internal sealed record TrackingRequest(IReadOnlyList<JsonObject> Messages, string? WriteKey);
