using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// An event's <c>attributes</c>. For Create Event they include <c>profile</c>; inside a bulk create entry the
/// profile is shared by the entry and <see cref="Profile"/> is <see langword="null"/> (omitted).
/// </summary>
internal sealed class EventAttributes
{
    [JsonPropertyName("properties")]
    [JsonConverter(typeof(CustomPropertiesConverter))]
    public required IReadOnlyDictionary<string, object?> Properties { get; init; }

    [JsonPropertyName("time")]
    public string? Time { get; init; }

    [JsonPropertyName("value")]
    public decimal? Value { get; init; }

    [JsonPropertyName("value_currency")]
    public string? ValueCurrency { get; init; }

    [JsonPropertyName("unique_id")]
    public required string UniqueId { get; init; }

    [JsonPropertyName("metric")]
    public required MetricRelationship Metric { get; init; }

    [JsonPropertyName("profile")]
    public EventProfileRelationship? Profile { get; init; }

    /// <summary>The attributes of Create Event (profile inside, meta inside the profile attributes).</summary>
    public static EventAttributes ForCreateEvent(EventData data) => Build(data, new EventProfileRelationship(new EventProfileData(data.Profile, MetaBesideAttributes: false)));

    /// <summary>The attributes of one event inside a bulk create entry (no profile).</summary>
    public static EventAttributes ForBulkEntry(EventData data) => Build(data, profile: null);

    private static EventAttributes Build(EventData data, EventProfileRelationship? profile) => new()
    {
        Properties = data.Properties,
        Time = data.Time,
        Value = data.Value,
        ValueCurrency = data.ValueCurrency,
        UniqueId = data.UniqueId,
        Metric = MetricRelationship.Named(data.MetricName),
        Profile = profile,
    };
}
