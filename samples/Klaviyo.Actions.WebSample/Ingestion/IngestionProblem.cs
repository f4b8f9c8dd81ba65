namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>One recent message that did not make it to Klaviyo (or only in part), described without personal data.</summary>
/// <param name="At">When the outcome was known.</param>
/// <param name="MessageId">The Segment message id.</param>
/// <param name="Mapping">The mapping (or <c>(event)</c> when the message itself could not be read).</param>
/// <param name="Kind"><c>unreadable</c>, <c>invalid</c>, <c>failed</c>, or <c>warning</c> (sent with something left out).</param>
/// <param name="Reason">Field and rule, or the HTTP status and error type.</param>
internal sealed record IngestionProblem(DateTimeOffset At, string? MessageId, string Mapping, string Kind, string Reason);
