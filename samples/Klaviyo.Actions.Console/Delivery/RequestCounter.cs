using System.Collections.Concurrent;
using System.Diagnostics;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// Counts the HTTP requests sent to Klaviyo, attributed to the action whose activity was current when the request
/// left (the client starts one activity per action call), else to the endpoint.
/// </summary>
internal sealed class RequestCounter : DelegatingHandler, IDisposable
{
    private readonly ConcurrentDictionary<string, int> _byAction = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public RequestCounter()
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        // The library only creates activities when someone listens.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KlaviyoDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Requests per action slug (or endpoint when no action activity was current).</summary>
    public IReadOnlyDictionary<string, int> ByAction => _byAction;

    /// <summary>Requests per <c>METHOD /path</c> with ids replaced by <c>{id}</c>.</summary>
    public IReadOnlyDictionary<string, int> ByEndpoint => _byEndpoint;

    /// <summary>All requests.</summary>
    public int Total => _byEndpoint.Values.Sum();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string endpoint = Endpoint(request);
        _byEndpoint.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        _byAction.AddOrUpdate(CurrentAction() ?? BatchLabel(endpoint), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _listener.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string? CurrentAction()
    {
        for (var activity = Activity.Current; activity is not null; activity = activity.Parent)
        {
            if (activity.GetTagItem("klaviyo.action") is string action)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>Requests the background queue sends on its own (no action call is current) are labelled by kind.</summary>
    private static string BatchLabel(string endpoint) => endpoint switch
    {
        "POST /api/event-bulk-create-jobs" => "(batched) events",
        "POST /api/profile-bulk-import-jobs" => "(batched) profile import",
        "GET /api/profile-bulk-import-jobs/{id}" or "GET /api/profile-bulk-import-jobs/{id}/import-errors" => "(batched) job tracking",
        "POST /api/profile-subscription-bulk-create-jobs" => "(batched) subscribe",
        "POST /api/profile-subscription-bulk-delete-jobs" => "(batched) unsubscribe",
        "GET /api/profiles" => "(batched) profile look-up",
        "DELETE /api/lists/{id}/relationships/profiles" => "(batched) list removal",
        "POST /api/lists/{id}/relationships/profiles" => "(batched) list add",
        _ => endpoint,
    };

    private static string Endpoint(HttpRequestMessage request)
    {
        string[] segments = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            // api/lists/{id}/..., api/profiles/{id}, api/profile-bulk-import-jobs/{id}/...
            if (i > 0 && segments[i - 1] is "lists" or "profiles" or "profile-bulk-import-jobs")
            {
                segments[i] = "{id}";
            }
        }

        return $"{request.Method.Method} /{string.Join('/', segments)}";
    }
}
