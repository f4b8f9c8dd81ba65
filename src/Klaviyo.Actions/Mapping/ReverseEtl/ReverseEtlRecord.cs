using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A warehouse record from a Reverse ETL sync: its columns and how it changed. Reverse ETL mappings read the
/// columns as <c>$.properties.&lt;column&gt;</c>, as in Segment.
/// </summary>
/// <remarks>
/// For mapping, a record is presented as the event
/// <c>{"type": "track", "event": "added" | "updated" | "deleted", "messageId": "retl:&lt;id&gt;:&lt;change&gt;",
/// "properties": {columns}, "context": {"reverse_etl": {"change_type": ..., "record_id": ...}}}</c>
/// (<c>messageId</c> only when the record has an id, so event <c>unique_id</c>s stay stable across re-syncs).
/// </remarks>
public sealed class ReverseEtlRecord
{
    /// <summary>Creates a record.</summary>
    /// <param name="changeType">How the record changed.</param>
    /// <param name="columns">The record's columns (a JSON object).</param>
    /// <param name="recordId">The record's primary key, when it has one.</param>
    /// <exception cref="ArgumentException">The columns are not a JSON object or nest too deeply.</exception>
    public ReverseEtlRecord(ReverseEtlChangeType changeType, JsonElement columns, string? recordId = null)
    {
        if (columns.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A Reverse ETL record's columns must be a JSON object.", nameof(columns));
        }

        if (JsonDepth.Exceeds(columns, SegmentEvent.MaxDepth - 1))
        {
            throw new ArgumentException($"A Reverse ETL record may nest at most {SegmentEvent.MaxDepth - 1} levels.", nameof(columns));
        }

        ChangeType = changeType;
        Columns = columns.Clone();
        RecordId = recordId;
    }

    /// <summary>How the record changed.</summary>
    public ReverseEtlChangeType ChangeType { get; }

    /// <summary>The record's columns.</summary>
    public JsonElement Columns { get; }

    /// <summary>The record's primary key, when known.</summary>
    public string? RecordId { get; }

    /// <summary>The record as the event its mappings read.</summary>
    public SegmentEvent ToEvent()
    {
        string change = ChangeType.ToString().ToLowerInvariant();
        var root = new JsonObject
        {
            ["type"] = "track",
            ["event"] = change,
        };
        if (RecordId is not null)
        {
            root["messageId"] = $"retl:{RecordId}:{change}";
        }

        root["properties"] = JsonNodes.FromElement(Columns);
        root["context"] = new JsonObject
        {
            ["reverse_etl"] = new JsonObject { ["change_type"] = change, ["record_id"] = RecordId },
        };
        return SegmentEvent.FromCheckedJson(JsonNodes.ToElement(root));
    }

    /// <inheritdoc />
    public override string ToString() => $"Reverse ETL record {RecordId ?? "(no id)"} {ChangeType}";
}
