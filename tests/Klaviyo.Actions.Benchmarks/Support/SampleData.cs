using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// Deterministic, realistic inputs: profiles with email, E.164 phone, external id, names, a location and a few
/// custom properties (every fourth in a list), and track events of a few thousand users.
/// </summary>
internal static class SampleData
{
    /// <summary>The list every fourth profile joins.</summary>
    public const string ListId = "BeNcH1";

    private static readonly string[] FirstNames = ["Jane", "Ada", "Grace", "Alan", "Linus", "Barbara", "Ken", "Margaret"];
    private static readonly string[] LastNames = ["Doe", "Lovelace", "Hopper", "Turing", "Torvalds", "Liskov", "Thompson", "Hamilton"];
    private static readonly (string City, string Region, string Zip)[] Cities =
    [
        ("San Francisco", "CA", "94107"),
        ("Boston", "MA", "02110"),
        ("Austin", "TX", "78701"),
        ("Seattle", "WA", "98101"),
    ];

    private static readonly string[] Plans = ["free", "pro", "enterprise"];

    /// <summary>Profile <paramref name="n"/>.</summary>
    public static UpsertProfileRequest Profile(int n) => new()
    {
        Email = $"user{n:D7}@example.com",
        PhoneNumber = $"+1415555{n % 10_000:D4}",
        ExternalId = $"crm-{n:D8}",
        FirstName = FirstNames[n % FirstNames.Length],
        LastName = LastNames[n / FirstNames.Length % LastNames.Length],
        Location = Location(n),
        Properties = new Dictionary<string, object?>
        {
            ["plan"] = Plans[n % Plans.Length],
            ["lifetime_value"] = 100m + (n % 997),
            ["vip"] = n % 10 == 0,
            ["signup_source"] = "web",
        },
        ListId = n % 4 == 0 ? ListId : null,
    };

    /// <summary>Profiles 0 to <paramref name="count"/> − 1.</summary>
    public static UpsertProfileRequest[] Profiles(int count)
    {
        var profiles = new UpsertProfileRequest[count];
        for (int n = 0; n < count; n++)
        {
            profiles[n] = Profile(n);
        }

        return profiles;
    }

    /// <summary>
    /// Track event <paramref name="n"/>: one of <paramref name="users"/> users (so users repeat and share bulk
    /// entries), a product view with four properties, a fixed time and a unique id.
    /// </summary>
    public static TrackEventRequest Event(int n, int users) => new()
    {
        Profile = new EventProfile { Email = $"user{n % users:D7}@example.com", ExternalId = $"crm-{n % users:D8}" },
        MetricName = "Product Viewed",
        Properties = new Dictionary<string, object?>
        {
            ["product_id"] = $"sku-{n % 500:D4}",
            ["name"] = "Running Shoe",
            ["price"] = 49.99m,
            ["category"] = "Shoes",
        },
        Time = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        Value = 49.99m,
        UniqueId = $"msg-{n:D8}",
    };

    /// <summary>Events 0 to <paramref name="count"/> − 1 of <paramref name="users"/> users.</summary>
    public static TrackEventRequest[] Events(int count, int users)
    {
        var events = new TrackEventRequest[count];
        for (int n = 0; n < count; n++)
        {
            events[n] = Event(n, users);
        }

        return events;
    }

    /// <summary>Wraps requests as batch items.</summary>
    public static KlaviyoBatchItem[] Items<T>(IReadOnlyList<T> requests)
        where T : class
    {
        var items = new KlaviyoBatchItem[requests.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = KlaviyoBatchItem.FromRequest(requests[i]);
        }

        return items;
    }

    private static ProfileLocation Location(int n)
    {
        var (city, region, zip) = Cities[n % Cities.Length];
        return new ProfileLocation { City = city, Region = region, Zip = zip, Country = "US", Address1 = $"{n % 900 + 1} Main St" };
    }
}
