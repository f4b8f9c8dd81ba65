using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>The <c>links</c> of a collection response; <see cref="Next"/> is the absolute URL of the next page.</summary>
/// <param name="Next">The next page, or <see langword="null"/> on the last page.</param>
internal sealed record CollectionLinks([property: JsonPropertyName("next")] string? Next);
