using System.Text.Json;

namespace Klaviyo.Actions.Batching;

/// <summary>One <c>import-error</c> of a bulk profile import job.</summary>
/// <param name="Error">Its <c>code</c>, <c>title</c>, <c>detail</c> and <c>source.pointer</c>.</param>
/// <param name="OriginalPayload">Its <c>original_payload</c> (the profile as submitted), when given.</param>
internal sealed record ImportJobError(KlaviyoError Error, JsonElement? OriginalPayload);

/// <summary>One page of a job's import errors.</summary>
/// <param name="Errors">The errors on this page.</param>
/// <param name="NextCursor">The cursor of the next page; <see langword="null"/> on the last page.</param>
internal sealed record ImportErrorPage(IReadOnlyList<ImportJobError> Errors, string? NextCursor);
