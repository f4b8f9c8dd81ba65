using System.Net.Http.Headers;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Run (c), the local limit: one bare <see cref="HttpClient"/> (shared, pooled connections) posts the exact request
/// bodies recorded in run (a) to an emulator in the state (a) started from (<see cref="TwinEmulator"/>) with <c>workers</c> requests in flight, and nothing else — no
/// mapping, validation, serialization, queue, resilience or logging. The time it takes, expressed as events/s over
/// the same events, is the most the SDK could reach on this machine against this emulator.
/// </summary>
internal static class ReplayRun
{
    public static async Task<RunFigures> RunAsync(
        string name,
        KlaviyoEmulator emulator,
        IReadOnlyList<RecordedRequest> requests,
        int events,
        int workers,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = emulator.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + emulator.ApiKey);
        http.DefaultRequestHeaders.TryAddWithoutValidation("revision", emulator.Revision);
        http.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/vnd.api+json");

        var statuses = new int[600];
        var byEndpoint = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            string endpoint = EndpointName.Of(request.Method.Method, request.PathAndQuery.Split('?')[0]);
            byEndpoint[endpoint] = byEndpoint.TryGetValue(endpoint, out int n) ? n + 1 : 1;
        }

        int next = -1;
        var meter = ProcessMeter.Start();
        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            tasks[w] = Task.Run(
                async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < requests.Count)
                    {
                        var recorded = requests[i];
                        using var message = new HttpRequestMessage(recorded.Method, recorded.PathAndQuery.TrimStart('/'));
                        if (recorded.Body is not null)
                        {
                            message.Content = new ByteArrayContent(recorded.Body);
                            message.Content.Headers.ContentType = new MediaTypeHeaderValue(recorded.ContentType ?? "application/vnd.api+json");
                        }

                        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
                        _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                        Interlocked.Increment(ref statuses[(int)response.StatusCode]);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(tasks);
        var usage = meter.Stop();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < statuses.Length; s++)
        {
            if (statuses[s] > 0)
            {
                outcomes[$"HTTP {s}"] = statuses[s];
            }
        }

        return new RunFigures(name, events, usage, byEndpoint, outcomes);
    }
}
