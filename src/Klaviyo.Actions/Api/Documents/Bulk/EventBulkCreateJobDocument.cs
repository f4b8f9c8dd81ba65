using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The body of <c>POST /api/event-bulk-create-jobs</c>: one <see cref="EventBulkCreateEntry"/> per profile,
/// each with its events. A repeated <c>unique_id</c> for the same profile and metric fails the whole request.
/// </summary>
/// <param name="Data">The job.</param>
internal sealed record EventBulkCreateJobDocument([property: JsonPropertyName("data")] EventBulkCreateJobResource Data)
{
    private static readonly Lazy<int> Envelope = new(() =>
        KlaviyoWire.Serialize(Create([]), KlaviyoJsonContext.Default.EventBulkCreateJobDocument, "bulkCreateEvents").Length);

    /// <summary>Builds the job document.</summary>
    /// <param name="entries">The entries (one per profile).</param>
    public static EventBulkCreateJobDocument Create(IReadOnlyList<EventBulkCreateEntry> entries) =>
        new(new EventBulkCreateJobResource(new EventBulkCreateJobAttributes(new EventBulkCreateEntryList(entries))));

    /// <summary>The size of the job with no entries (see <see cref="BulkDocumentSize"/>).</summary>
    public static int EnvelopeBytes => Envelope.Value;

    /// <summary>The exact size of a job holding <paramref name="entries"/>.</summary>
    public static long MeasureBytes(IReadOnlyList<EventBulkCreateEntry> entries) =>
        BulkDocumentSize.Of(EnvelopeBytes, entries.Count, entries.Sum(e => e.MeasureBytes()));
}

/// <summary>The job resource object.</summary>
internal sealed record EventBulkCreateJobResource([property: JsonPropertyName("attributes")] EventBulkCreateJobAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.EventBulkCreateJob;
}

/// <summary>The job's attributes: <c>{"events-bulk-create":{"data":[entries…]}}</c>.</summary>
internal sealed record EventBulkCreateJobAttributes([property: JsonPropertyName("events-bulk-create")] EventBulkCreateEntryList EventsBulkCreate);

/// <summary><c>{"data":[entries…]}</c>.</summary>
internal sealed record EventBulkCreateEntryList([property: JsonPropertyName("data")] IReadOnlyList<EventBulkCreateEntry> Data);
