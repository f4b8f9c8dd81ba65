using System.Globalization;
using System.Text;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Hand-written Klaviyo request bodies (plain JSON text, independent of the client library).</summary>
public static class Payloads
{
    public static string Event(string metric, string profileAttributes, string? uniqueId = null, string? time = null, string properties = "{}")
    {
        var attributes = new StringBuilder();
        attributes.Append(CultureInfo.InvariantCulture, $"\"properties\":{properties}");
        if (uniqueId is not null)
        {
            attributes.Append(CultureInfo.InvariantCulture, $",\"unique_id\":\"{uniqueId}\"");
        }

        if (time is not null)
        {
            attributes.Append(CultureInfo.InvariantCulture, $",\"time\":\"{time}\"");
        }

        return "{\"data\":{\"type\":\"event\",\"attributes\":{" + attributes +
            ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}}" +
            ",\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes + "}}}}}";
    }

    /// <summary>One bulk event entry: a profile and its events.</summary>
    public static string BulkRow(string profileAttributes, params string[] events) =>
        "{\"type\":\"event-bulk-create\",\"attributes\":{\"profile\":{\"data\":{\"type\":\"profile\",\"attributes\":" + profileAttributes +
        "}},\"events\":{\"data\":[" + string.Join(",", events) + "]}}}";

    public static string BulkEvent(string metric, string? uniqueId = null, string properties = "{}") =>
        "{\"type\":\"event\",\"attributes\":{\"properties\":" + properties +
        (uniqueId is null ? "" : ",\"unique_id\":\"" + uniqueId + "\"") +
        ",\"metric\":{\"data\":{\"type\":\"metric\",\"attributes\":{\"name\":\"" + metric + "\"}}}}}";

    public static string BulkEvents(IEnumerable<string> rows) =>
        "{\"data\":{\"type\":\"event-bulk-create-job\",\"attributes\":{\"events-bulk-create\":{\"data\":[" + string.Join(",", rows) + "]}}}}";

    public static string ImportRow(string attributes) => "{\"type\":\"profile\",\"attributes\":" + attributes + "}";

    public static string BulkImport(IEnumerable<string> rows, params string[] listIds)
    {
        string relationships = listIds.Length == 0
            ? ""
            : ",\"relationships\":{\"lists\":{\"data\":[" + string.Join(",", listIds.Select(id => "{\"type\":\"list\",\"id\":\"" + id + "\"}")) + "]}}";
        return "{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":[" + string.Join(",", rows) + "]}}" +
            relationships + "}}";
    }

    public static string SubscribeRow(string attributes) => "{\"type\":\"profile\",\"attributes\":" + attributes + "}";

    public static string Subscribe(IEnumerable<string> rows, string? listId = null, bool historicalImport = false, string? customSource = null)
    {
        string attributes = "\"profiles\":{\"data\":[" + string.Join(",", rows) + "]}" +
            (historicalImport ? ",\"historical_import\":true" : "") +
            (customSource is null ? "" : ",\"custom_source\":\"" + customSource + "\"");
        return "{\"data\":{\"type\":\"profile-subscription-bulk-create-job\",\"attributes\":{" + attributes + "}" + ListRelationship(listId) + "}}";
    }

    public static string Unsubscribe(IEnumerable<string> rows, string? listId = null) =>
        "{\"data\":{\"type\":\"profile-subscription-bulk-delete-job\",\"attributes\":{\"profiles\":{\"data\":[" + string.Join(",", rows) + "]}}" +
        ListRelationship(listId) + "}}";

    public static string EmailMarketing(string email, string consent = "SUBSCRIBED", string? consentedAt = null) =>
        "{\"email\":\"" + email + "\",\"subscriptions\":{\"email\":{\"marketing\":{\"consent\":\"" + consent + "\"" +
        (consentedAt is null ? "" : ",\"consented_at\":\"" + consentedAt + "\"") + "}}}}";

    public static string ProfileIdentifiers(IEnumerable<string> ids) =>
        "{\"data\":[" + string.Join(",", ids.Select(id => "{\"type\":\"profile\",\"id\":\"" + id + "\"}")) + "]}";

    private static string ListRelationship(string? listId) =>
        listId is null ? "" : ",\"relationships\":{\"list\":{\"data\":{\"type\":\"list\",\"id\":\"" + listId + "\"}}}";
}
