using System.Text.Json.Nodes;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>A tracking call read from its body: the messages it carries and the body's <c>writeKey</c>, if any.</summary>
/// <param name="Messages">The readable messages, already completed by <see cref="MessageNormalizer"/>.</param>
/// <param name="WriteKey">The body's <c>writeKey</c> (Segment's alternative to Basic auth).</param>
/// <param name="Unreadable">Messages rejected alone (the rest of the call is kept): message id when readable, and why.</param>
internal sealed record TrackingRequest(IReadOnlyList<JsonObject> Messages, string? WriteKey, IReadOnlyList<UnreadableMessage> Unreadable);

/// <summary>A message of a call that cannot be read: its <c>messageId</c> when readable, and a reason without personal data.</summary>
internal sealed record UnreadableMessage(string? MessageId, string Reason);
