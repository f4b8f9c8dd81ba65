using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;

namespace Klaviyo.Actions.Operations;

/// <summary>Settles an event's time and <c>unique_id</c> before it is sent.</summary>
internal static class EventResolver
{
    /// <summary>
    /// Uses the caller's <c>unique_id</c> when given (the time is then sent only if given). Otherwise derives a
    /// deterministic id; an event without a time is first stamped with the current time truncated to the
    /// second, and that time is sent, so the id and the event Klaviyo records agree.
    /// </summary>
    public static EventData Resolve(
        string metricName,
        EventProfile profile,
        IReadOnlyDictionary<string, object?> properties,
        DateTimeOffset? time,
        decimal? value,
        string? valueCurrency,
        string? uniqueId,
        TimeProvider timeProvider,
        string action)
    {
        if (!string.IsNullOrEmpty(uniqueId))
        {
            return new EventData(metricName, profile, properties, time is { } given ? KlaviyoTime.ToWire(given) : null, value, valueCurrency, uniqueId);
        }

        string wireTime = KlaviyoTime.ToWire(time ?? KlaviyoTime.TruncateToSecond(timeProvider.GetUtcNow()));
        string derived = EventUniqueIds.Derive(metricName, profile, wireTime, value, valueCurrency, properties, action);
        return new EventData(metricName, profile, properties, wireTime, value, valueCurrency, derived);
    }
}
