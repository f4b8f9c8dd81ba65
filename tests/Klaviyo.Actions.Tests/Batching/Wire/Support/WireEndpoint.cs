using System.Text.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Client.Support;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>The bulk endpoints, with clean items for each and how to count the parts of a captured body.</summary>
public enum WireEndpoint
{
    ProfileImport,
    EventCreate,
    Subscribe,
    Unsubscribe,
    ListRemove,
}

internal static class WireEndpoints
{
    public const string ListId = "Y6nRLr";

    public static readonly DateTimeOffset EventTime = new(2026, 10, 31, 9, 30, 0, TimeSpan.Zero);

    public static int Limit(WireEndpoint endpoint) => endpoint switch
    {
        WireEndpoint.ProfileImport => KlaviyoBulkLimits.MaxProfilesPerImportJob,
        WireEndpoint.EventCreate => KlaviyoBulkLimits.MaxEventsPerBulkCreate,
        WireEndpoint.Subscribe => KlaviyoBulkLimits.MaxProfilesPerSubscribe,
        WireEndpoint.Unsubscribe => KlaviyoBulkLimits.MaxProfilesPerUnsubscribe,
        _ => KlaviyoBulkLimits.MaxProfileIdsPerListChange,
    };

    public static (HttpMethod Method, string Path) Route(WireEndpoint endpoint) => endpoint switch
    {
        WireEndpoint.ProfileImport => (HttpMethod.Post, BulkWireMock.ImportPath),
        WireEndpoint.EventCreate => (HttpMethod.Post, BulkWireMock.EventsPath),
        WireEndpoint.Subscribe => (HttpMethod.Post, BulkWireMock.SubscribePath),
        WireEndpoint.Unsubscribe => (HttpMethod.Post, BulkWireMock.UnsubscribePath),
        _ => (HttpMethod.Delete, BulkWireMock.ListPath(ListId)),
    };

    /// <summary><paramref name="count"/> clean items for the endpoint, each one part (removals: one matching profile each).</summary>
    public static KlaviyoBatchItem[] Items(BulkWireMock mock, WireEndpoint endpoint, int count)
    {
        var items = new KlaviyoBatchItem[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = endpoint switch
            {
                WireEndpoint.ProfileImport => new UpsertProfileRequest { Email = $"p{i}@shop.test" },
                WireEndpoint.EventCreate => new TrackEventRequest
                {
                    Profile = new EventProfile { ExternalId = "u" + i },
                    MetricName = "Viewed Product",
                    Time = EventTime,
                    UniqueId = "e" + i,
                },
                WireEndpoint.Subscribe => new SubscribeProfileRequest { Email = $"p{i}@shop.test", ListId = ListId },
                WireEndpoint.Unsubscribe => new UnsubscribeProfileRequest { Email = $"p{i}@shop.test", ListId = ListId },
                _ => new RemoveProfileFromListRequest { ListId = ListId, ExternalId = "x" + i },
            };
            if (endpoint == WireEndpoint.ListRemove)
            {
                mock.Directory.Add("P" + i, externalId: "x" + i);
            }
        }

        return items;
    }

    /// <summary>Answers the endpoint's route (and, for removals, the look-ups are already served).</summary>
    public static void Accept(BulkWireMock mock, WireEndpoint endpoint)
    {
        switch (endpoint)
        {
            case WireEndpoint.ProfileImport:
                mock.AcceptImportJobs();
                break;
            case WireEndpoint.ListRemove:
                mock.AcceptListRemovals(ListId);
                break;
            default:
                var (method, path) = Route(endpoint);
                mock.Accept(method, path);
                break;
        }
    }

    /// <summary>The parts (profiles, events, profile ids) a captured body carries.</summary>
    public static int Parts(WireEndpoint endpoint, CapturedRequest request)
    {
        var root = request.Json;
        return endpoint switch
        {
            WireEndpoint.ListRemove => root.GetProperty("data").GetArrayLength(),
            WireEndpoint.EventCreate => root.GetProperty("data").GetProperty("attributes").GetProperty("events-bulk-create").GetProperty("data")
                .EnumerateArray().Sum(e => e.GetProperty("attributes").GetProperty("events").GetProperty("data").GetArrayLength()),
            _ => root.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data").GetArrayLength(),
        };
    }

    /// <summary>The emails (or external ids of event profiles) in a captured body, in order.</summary>
    public static IReadOnlyList<string> Identifiers(CapturedRequest request)
    {
        var found = new List<string>();
        Collect(request.Json, found);
        return found;
    }

    private static void Collect(JsonElement element, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "email" or "external_id" or "phone_number" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        found.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
        }
    }
}
