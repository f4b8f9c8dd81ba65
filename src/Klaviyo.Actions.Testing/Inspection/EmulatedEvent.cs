using System.Text.Json;

namespace Klaviyo.Actions.Testing;

/// <summary>An event the emulator recorded (duplicates by <c>unique_id</c> are not recorded).</summary>
public sealed record EmulatedEvent
{
    /// <summary>The event id.</summary>
    public required string Id { get; init; }

    /// <summary>The profile the event belongs to.</summary>
    public required string ProfileId { get; init; }

    /// <summary>The metric name, for example <c>Placed Order</c>.</summary>
    public required string MetricName { get; init; }

    /// <summary>The metric's id (6 characters), as <c>GET /api/events</c> relates it and <c>equals(metric_id,"…")</c> filters it.</summary>
    public string MetricId { get; init; } = "";

    /// <summary>The metric's <c>service</c>, if sent.</summary>
    public string? MetricService { get; init; }

    /// <summary>The event time (the <c>time</c> sent, or when it was received), truncated to the second.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The event <c>properties</c> object.</summary>
    public JsonElement Properties { get; init; }

    /// <summary><c>value</c>, if sent.</summary>
    public decimal? Value { get; init; }

    /// <summary><c>value_currency</c>, if sent.</summary>
    public string? ValueCurrency { get; init; }

    /// <summary><c>unique_id</c>, if sent.</summary>
    public string? UniqueId { get; init; }

    /// <summary><c>backfill</c>.</summary>
    public bool Backfill { get; init; }

    /// <summary>Whether it came through <c>POST /api/event-bulk-create-jobs</c>.</summary>
    public bool FromBulk { get; init; }

    /// <summary>When the emulator received it.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
