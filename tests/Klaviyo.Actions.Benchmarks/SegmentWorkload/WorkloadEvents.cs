using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// The events of Segment's batch workload, deterministic: event <c>i</c> is always the same JSON. Track:
/// <c>Product Viewed</c> with product_id, name, category, price, quantity, currency and revenue, and
/// <c>context.traits.email</c>. Identify: email, first and last name, title, avatar, company name, address and plan
/// in <c>traits</c>, and <c>context.traits.phone</c>. Every event is its own person (email, phone, user id), as in a
/// batch of distinct shoppers; warm-up events use people the measured ones never use. The JSON is written when the
/// event is read, so the input takes no memory beyond the event in hand; <see cref="GenerationCost"/> gives what
/// writing it costs, included in a run's CPU time.
/// </summary>
internal static class WorkloadEvents
{
    /// <summary>The first person of the warm-up events (measured events use 0 to N − 1).</summary>
    public const int WarmupPeople = 5_000_000;

    private static readonly DateTimeOffset Start = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, string Category, decimal Price)[] Products =
    [
        ("507f1f77bcf86cd799439011", "Monopoly: 3rd Edition", "Games", 19m),
        ("505bd76785ebb509fc183733", "Uno Card Game", "Games", 3m),
        ("60a1b2c3d4e5f60718293a4b", "Trail Running Shoes", "Footwear", 129.99m),
        ("60a1b2c3d4e5f60718293a4c", "Ceramic Mug", "Kitchen", 12.5m),
        ("60a1b2c3d4e5f60718293a4d", "Red T-Shirt (M)", "Apparel", 24m),
    ];

    private static readonly string[] FirstNames = ["Jane", "John", "Amara", "Luis", "Mei", "Oskar", "Priya", "Tomás", "Zoe", "Kwame", "Sofia", "Noah"];
    private static readonly string[] LastNames = ["Doe", "Smith", "Okafor", "García", "Chen", "Larsen", "Patel", "Silva", "Müller", "Mensah", "Rossi", "Kim"];
    private static readonly string[] Titles = ["Buyer", "CTO", "Store Manager", "Designer"];
    private static readonly string[] Companies = ["Acme Inc", "Globex", "Initech", "Umbrella Corp"];
    private static readonly string[] Plans = ["basic", "premium", "enterprise"];
    private static readonly (string City, string State, string Country)[] Places =
    [
        ("Boston", "MA", "US"), ("Austin", "TX", "US"), ("San Francisco", "CA", "US"), ("Seattle", "WA", "US"), ("Chicago", "IL", "US"),
    ];

    /// <summary>Event <paramref name="index"/> of a workload for person <paramref name="person"/>.</summary>
    /// <param name="kind">The workload.</param>
    /// <param name="index">The event's position (its message id and timestamp).</param>
    /// <param name="person">The person (user id, email, phone); distinct people never share an identifier.</param>
    public static string Json(WorkloadKind kind, int index, int person) =>
        kind == WorkloadKind.Track ? Track(index, person) : Identify(index, person);

    /// <summary>Events <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1, each for its own person starting at <paramref name="firstPerson"/>.</summary>
    /// <param name="kind">The workload.</param>
    /// <param name="first">The first event's index.</param>
    /// <param name="count">How many.</param>
    /// <param name="firstPerson">The first event's person.</param>
    public static async IAsyncEnumerable<string?> ReadAsync(WorkloadKind kind, int first, int count, int firstPerson)
    {
        for (int i = 0; i < count; i++)
        {
            yield return Json(kind, first + i, firstPerson + i);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The process CPU time writing <paramref name="count"/> events takes, per event (measured on the calling thread, nothing else running).</summary>
    /// <param name="kind">The workload.</param>
    /// <param name="count">How many events to write.</param>
    public static TimeSpan GenerationCost(WorkloadKind kind, int count)
    {
        var before = Environment.CpuUsage.TotalTime;
        long length = 0;
        for (int i = 0; i < count; i++)
        {
            length += Json(kind, i, WarmupPeople + i).Length;
        }

        GC.KeepAlive(length);
        return (Environment.CpuUsage.TotalTime - before) / count;
    }

    private static string Track(int index, int person)
    {
        var product = Products[index % Products.Length];
        int quantity = 1 + index % 3;
        return string.Create(CultureInfo.InvariantCulture, $$$"""
            {"type":"track","event":"Product Viewed","messageId":"wl-track-{{{index:D7}}}","timestamp":"{{{Timestamp(index)}}}","userId":"user-{{{person:D7}}}","anonymousId":"anon-{{{person:D7}}}","properties":{"product_id":"{{{product.Id}}}","name":"{{{product.Name}}}","category":"{{{product.Category}}}","price":{{{product.Price}}},"quantity":{{{quantity}}},"currency":"USD","revenue":{{{product.Price * quantity}}} },"context":{"traits":{"email":"{{{Email(person)}}}"},"library":{"name":"analytics-node","version":"2.1.0"},"ip":"203.0.113.{{{person % 250}}}"}}
            """);
    }

    private static string Identify(int index, int person)
    {
        var place = Places[person % Places.Length];
        return string.Create(CultureInfo.InvariantCulture, $$$"""
            {"type":"identify","messageId":"wl-identify-{{{index:D7}}}","timestamp":"{{{Timestamp(index)}}}","userId":"user-{{{person:D7}}}","anonymousId":"anon-{{{person:D7}}}","traits":{"email":"{{{Email(person)}}}","firstName":"{{{FirstNames[person % FirstNames.Length]}}}","lastName":"{{{LastNames[(person / 3) % LastNames.Length]}}}","title":"{{{Titles[person % Titles.Length]}}}","avatar":"https://cdn.shop-demo.test/avatars/{{{person}}}.png","company":{"name":"{{{Companies[person % Companies.Length]}}}"},"address":{"street":"{{{1 + person % 200}}} Main St","city":"{{{place.City}}}","state":"{{{place.State}}}","postal_code":"{{{10000 + person % 89999}}}","country":"{{{place.Country}}}"},"plan":"{{{Plans[person % Plans.Length]}}}"},"context":{"traits":{"phone":"{{{Phone(person)}}}"},"library":{"name":"analytics-node","version":"2.1.0"},"ip":"203.0.113.{{{person % 250}}}"}}
            """);
    }

    private static string Timestamp(int index) =>
        Start.AddMilliseconds(index * 37L).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Email(int person) => string.Create(CultureInfo.InvariantCulture, $"shopper.{person:D7}@shop-demo.test");

    /// <summary>A valid US number of its own per person (San Francisco area code, exchanges 200–999).</summary>
    private static string Phone(int person) => string.Create(CultureInfo.InvariantCulture, $"+1415{2_000_000 + person}");
}
