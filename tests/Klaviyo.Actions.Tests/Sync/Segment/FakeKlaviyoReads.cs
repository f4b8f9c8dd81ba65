using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Klaviyo.Actions.Tests.Sync.Segment;

/// <summary>
/// An in-memory <see cref="IKlaviyoReadClient"/> with Klaviyo's read semantics: strictly after the bound, oldest first,
/// ties in insertion order, pages of the asked size. Records every query; can fail after some pages.
/// </summary>
internal sealed class FakeKlaviyoReads : IKlaviyoReadClient
{
    public List<KlaviyoProfile> Profiles { get; } = [];

    public List<KlaviyoEvent> Events { get; } = [];

    public List<KlaviyoMetric> Metrics { get; } = [];

    /// <summary>The lower bounds asked for, per stream (<c>profiles</c> or the metric id).</summary>
    public List<(string Stream, DateTimeOffset After)> Queries { get; } = [];

    public int PagesServed { get; private set; }

    /// <summary>When set, the read throws after serving this many pages in total.</summary>
    public int? FailAfterPages { get; set; }

    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static KlaviyoProfile Profile(int n, DateTimeOffset updated, string? externalId = null, bool marked = false, string? bigProperty = null)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["plan"] = Json("\"pro\"") };
        if (marked)
        {
            properties[KlaviyoProfileMarker.PropertyName] = Json("\"segment\"");
        }

        if (bigProperty is not null)
        {
            properties["notes"] = Json(JsonSerializer.Serialize(bigProperty));
        }

        return new KlaviyoProfile
        {
            Id = $"P{n:D6}",
            Email = $"person{n}@example.org",
            ExternalId = externalId,
            FirstName = "Ada",
            Updated = updated,
            Properties = properties,
        };
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public async IAsyncEnumerable<KlaviyoPage<KlaviyoProfile>> GetProfilesUpdatedAfterAsync(
        DateTimeOffset updatedAfter, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Add(("profiles", updatedAfter));
        var matching = Profiles.Select((p, i) => (p, i)).Where(x => x.p.Updated > updatedAfter).OrderBy(x => x.p.Updated).ThenBy(x => x.i).Select(x => x.p).ToList();
        foreach (var page in Pages(matching, pageSize))
        {
            await Task.Yield();
            yield return page;
        }
    }

    public async IAsyncEnumerable<KlaviyoPage<KlaviyoEvent>> GetEventsAfterAsync(
        DateTimeOffset after, string? metricId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Add((metricId ?? "all", after));
        var matching = Events.Select((e, i) => (e, i)).Where(x => x.e.Datetime > after && (metricId is null || x.e.MetricId == metricId))
            .OrderBy(x => x.e.Datetime).ThenBy(x => x.i).Select(x => x.e).ToList();
        foreach (var page in Pages(matching, 200))
        {
            await Task.Yield();
            yield return page;
        }
    }

    public Task<IReadOnlyList<KlaviyoMetric>> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<KlaviyoMetric>>([.. Metrics]);

    private IEnumerable<KlaviyoPage<T>> Pages<T>(List<T> items, int size)
    {
        for (int start = 0; start < items.Count; start += size)
        {
            if (FailAfterPages is { } limit && PagesServed >= limit)
            {
                throw new HttpRequestException("Klaviyo is unreachable (test).");
            }

            PagesServed++;
            yield return new KlaviyoPage<T>(items.Skip(start).Take(size).ToList(), start + size < items.Count);
        }
    }
}
