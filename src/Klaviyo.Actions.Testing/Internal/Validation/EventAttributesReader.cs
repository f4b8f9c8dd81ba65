using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>
/// Checks event attributes against Klaviyo's documented limits: metric name under 128 characters, time between the
/// year 2000 and one year ahead, at most 400 properties, strings up to 100 KB, arrays up to 4,000 items, nesting up to
/// 10 levels, <c>unique_id</c> of 1–255 characters.
/// </summary>
internal static partial class EventAttributesReader
{
    public const int MaxProperties = 400;
    public const int MaxMetricNameLength = 127;
    public const int MaxUniqueIdLength = 255;
    public const int MaxStringBytes = 100_000;
    public const int MaxArrayItems = 4000;
    public const int MaxDepth = 10;

    private const string StringTooLong = "A string in event properties cannot be larger than 100KB.";

    private static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly NameSet SingleFields = NameSet.Of("properties", "time", "value", "value_currency", "unique_id", "backfill", "metric", "profile");

    private static readonly NameSet BulkFields = NameSet.Of("properties", "time", "value", "value_currency", "unique_id", "backfill", "metric");

    private static readonly NameSet MetricDataMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet MetricFields = NameSet.Of("name", "service");

    /// <summary>Reads the attributes; returns <see langword="null"/> when something was reported.</summary>
    public static ParsedEvent? Read(JsonElement attributes, string pointer, bool bulk, DateTimeOffset now, Problems problems)
    {
        int before = problems.Count;
        JsonShape.RejectUnknown(attributes, bulk ? BulkFields : SingleFields, pointer, "event", problems);

        JsonElement properties = default;
        if (JsonShape.Object(attributes, "properties", pointer, problems, out properties, required: true) == MemberState.Present)
        {
            CheckProperties(properties, JsonShape.Pointer(pointer, "properties"), problems);
        }

        DateTimeOffset? time = ReadTime(attributes, pointer, now, problems);
        decimal? value = JsonShape.Number(attributes, "value", pointer, problems, out decimal number) == MemberState.Present ? number : null;
        if (JsonShape.String(attributes, "value_currency", pointer, problems, out string? currency) == MemberState.Present &&
            !Currency().IsMatch(currency!))
        {
            problems.Invalid(JsonShape.Pointer(pointer, "value_currency"), "'value_currency' must be an ISO 4217 code such as USD.");
        }

        if (JsonShape.String(attributes, "unique_id", pointer, problems, out string? uniqueId) == MemberState.Present &&
            uniqueId!.Length is 0 or > MaxUniqueIdLength)
        {
            problems.Invalid(JsonShape.Pointer(pointer, "unique_id"), $"'unique_id' must be between 1 and {MaxUniqueIdLength} characters.");
        }

        bool? backfill = JsonShape.Boolean(attributes, "backfill", pointer, problems, out bool flag) == MemberState.Present ? flag : null;
        var (metric, service) = ReadMetric(attributes, pointer, problems);
        return problems.Count == before
            ? new ParsedEvent(metric!, service, time, properties, value, currency, uniqueId, backfill)
            : null;
    }

    private static DateTimeOffset? ReadTime(JsonElement attributes, string pointer, DateTimeOffset now, Problems problems)
    {
        if (JsonShape.String(attributes, "time", pointer, problems, out string? text) != MemberState.Present)
        {
            return null;
        }

        if (!Timestamps.TryParse(text!, out var time))
        {
            problems.Invalid(JsonShape.Pointer(pointer, "time"), "'time' must be an ISO 8601 datetime such as 2024-05-10T00:00:00+00:00.");
            return null;
        }

        if (time < EarliestTime || time > now.AddYears(1))
        {
            problems.Invalid(
                JsonShape.Pointer(pointer, "time"),
                "'time' must be after the year 2000 and can only be up to 1 year in the future.");
            return null;
        }

        return time;
    }

    private static (string? Name, string? Service) ReadMetric(JsonElement attributes, string pointer, Problems problems)
    {
        if (JsonShape.Object(attributes, "metric", pointer, problems, out var metric, required: true) != MemberState.Present)
        {
            return (null, null);
        }

        string metricPointer = JsonShape.Pointer(pointer, "metric");
        if (JsonShape.Object(metric, "data", metricPointer, problems, out var data, required: true) != MemberState.Present)
        {
            return (null, null);
        }

        string dataPointer = JsonShape.Pointer(metricPointer, "data");
        JsonShape.RejectUnknown(data, MetricDataMembers, dataPointer, "metric", problems);
        if (!JsonShape.ResourceType(data, "metric", dataPointer, problems) ||
            JsonShape.Object(data, "attributes", dataPointer, problems, out var metricAttributes, required: true) != MemberState.Present)
        {
            return (null, null);
        }

        string attributesPointer = JsonShape.Pointer(dataPointer, "attributes");
        JsonShape.RejectUnknown(metricAttributes, MetricFields, attributesPointer, "metric", problems);
        JsonShape.String(metricAttributes, "service", attributesPointer, problems, out string? service);
        if (JsonShape.String(metricAttributes, "name", attributesPointer, problems, out string? name, required: true, nullable: false) != MemberState.Present)
        {
            return (null, null);
        }

        if (name!.Length is 0 or > MaxMetricNameLength)
        {
            problems.Invalid(JsonShape.Pointer(attributesPointer, "name"), "The metric name must be between 1 and 127 characters (less than 128).");
            return (null, null);
        }

        return (name, service);
    }

    private static void CheckProperties(JsonElement properties, string pointer, Problems problems)
    {
        int count = 0;
        foreach (var _ in properties.EnumerateObject())
        {
            count++;
        }

        if (count > MaxProperties)
        {
            problems.Invalid(pointer, string.Create(CultureInfo.InvariantCulture,
                $"Event properties must not exceed {MaxProperties} properties; got {count}."));
            return;
        }

        CheckValue(properties, pointer, 1, problems);
    }

    private static void CheckValue(JsonElement value, string pointer, int depth, Problems problems)
    {
        if (depth > MaxDepth)
        {
            problems.Invalid(pointer, $"Event properties may be nested at most {MaxDepth} levels deep.");
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                var child = property.Value;
                if (child.ValueKind == JsonValueKind.String)
                {
                    if (IsTooLong(child))
                    {
                        problems.Invalid(JsonShape.Pointer(pointer, property.Name), StringTooLong);
                    }
                }
                else if (child.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    CheckValue(child, JsonShape.Pointer(pointer, property.Name), depth + 1, problems);
                }
            }

            return;
        }

        if (value.GetArrayLength() > MaxArrayItems)
        {
            problems.Invalid(pointer, $"Arrays in event properties may hold at most {MaxArrayItems} items.");
            return;
        }

        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                if (IsTooLong(item))
                {
                    problems.Invalid(JsonShape.Pointer(pointer, index), StringTooLong);
                }
            }
            else if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                CheckValue(item, JsonShape.Pointer(pointer, index), depth + 1, problems);
            }

            index++;
        }
    }

    /// <summary>Compares the JSON text length first, so most strings are checked without decoding them.</summary>
    private static bool IsTooLong(JsonElement value) => JsonShape.RawLength(value) - 2 > MaxStringBytes;

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Currency();
}
