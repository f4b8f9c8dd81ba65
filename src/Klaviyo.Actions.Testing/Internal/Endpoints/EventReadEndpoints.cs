using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>GET /api/events</c> and <c>GET /api/metrics</c>, as Klaviyo documents them: events filtered by
/// <c>metric_id</c>/<c>profile_id</c> (<c>equals</c>) and <c>datetime</c>/<c>timestamp</c> ranges, sorted by
/// <c>datetime</c> or <c>timestamp</c> (±), 200 per page by default and up to 1,000 with <c>page[size]</c>, cursor pages
/// through <c>links.next</c>, and <c>include=metric,profile</c>. The emulator's event <c>datetime</c> is the event's
/// <c>time</c> (or when it was received), truncated to the second as it is stored.
/// </summary>
internal sealed class EventReadEndpoints(EmulatorState state)
{
    public const int DefaultPageSize = 200;
    public const int MaxPageSize = 1000;
    public const int MetricPageSize = 200;

    private static readonly NameSet EventQuery = NameSet.Of("filter", "sort", "include", "page[cursor]", "page[size]");
    private static readonly NameSet MetricQuery = NameSet.Of("page[cursor]");
    private static readonly FilterOperation[] Ranges = [FilterOperation.GreaterThan, FilterOperation.GreaterOrEqual, FilterOperation.LessThan, FilterOperation.LessOrEqual];

    private static readonly Dictionary<string, FilterOperation[]> EventFilters = new(StringComparer.Ordinal)
    {
        ["metric_id"] = [FilterOperation.Equals],
        ["profile_id"] = [FilterOperation.Equals],
        ["datetime"] = Ranges,
        ["timestamp"] = Ranges,
    };

    private static readonly string[] Sorts = ["datetime", "-datetime", "timestamp", "-timestamp"];
    private static readonly string[] Includes = ["metric", "profile", "attributions"];

    public EmulatorResponse Query(EmulatorRequest request)
    {
        var queryError = QueryParameters.CheckAllowed(request, EventQuery);
        var sizeError = QueryParameters.PageSize(request, MaxPageSize, DefaultPageSize, out int size);
        var filterError = FilterExpression.Parse(request.Query["filter"], EventFilters, out var conditions);
        string sort = request.Query["sort"].ToString() is { Length: > 0 } given ? given : "datetime";
        var sortError = Sorts.Contains(sort)
            ? null
            : ApiErrors.InvalidParameter("sort", $"'{sort}' is not a valid sort for events; use one of {string.Join(", ", Sorts)}.");
        var includeError = ReadIncludes(request, out bool metrics, out bool profiles);
        (long Key, long Sequence)? after = null;
        JsonApiError? cursorError = null;
        if (request.Query["page[cursor]"].ToString() is { Length: > 0 } cursor)
        {
            cursorError = Cursors.TryDecode(cursor, out long key, out long sequence)
                ? null
                : ApiErrors.InvalidParameter("page[cursor]", "Invalid cursor.");
            after = cursorError is null ? (key, sequence) : null;
        }

        if ((queryError ?? sizeError ?? filterError ?? sortError ?? includeError ?? cursorError) is { } error)
        {
            return EmulatorResponse.Error(error);
        }

        bool Matches(EmulatedEvent item) => conditions.All(c => c.Field switch
        {
            "metric_id" => item.MetricId == c.Values[0],
            "profile_id" => item.ProfileId == c.Values[0],
            _ => c.Accepts(item.Time),
        });

        var (page, next) = state.Events.Query(Matches, sort.StartsWith('-'), after, size);
        var includedMetrics = metrics
            ? page.Select(e => e.MetricId).Distinct(StringComparer.Ordinal).Select(state.Metrics.Get).OfType<MetricRecord>().ToList()
            : [];
        var includedProfiles = profiles
            ? page.Select(e => e.ProfileId).Distinct(StringComparer.Ordinal).Select(state.Profiles.Get).OfType<EmulatedProfile>().ToList()
            : [];
        string? nextCursor = next is { } n ? Cursors.Encode(n.Key, n.Sequence) : null;
        return EmulatorResponse.Json(200, EventJson.Collection(page, includedMetrics, includedProfiles, metrics || profiles, request, nextCursor));
    }

    public EmulatorResponse Metrics(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, MetricQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        if (QueryParameters.Cursor(request, out long after) is { } cursorError)
        {
            return EmulatorResponse.Error(cursorError);
        }

        var all = state.Metrics.Snapshot().Where(m => m.Sequence > after).Take(MetricPageSize + 1).ToList();
        string? next = all.Count > MetricPageSize ? Cursors.Encode(all[MetricPageSize - 1].Sequence) : null;
        return EmulatorResponse.Json(200, EventJson.Metrics(all.Take(MetricPageSize).ToList(), request, next));
    }

    private static JsonApiError? ReadIncludes(EmulatorRequest request, out bool metrics, out bool profiles)
    {
        metrics = false;
        profiles = false;
        string? text = request.Query["include"];
        if (text is null)
        {
            return null;
        }

        foreach (string include in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Includes.Contains(include))
            {
                return ApiErrors.InvalidParameter("include", $"'{include}' is not an allowed include parameter for this resource.");
            }

            metrics |= include == "metric";
            profiles |= include == "profile";
        }

        return null;
    }
}
