using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>
/// Runs work for a stream of messages with bounded concurrency, one user's messages strictly in arrival order
/// (an identify lands before the track that follows it). Each message's work records its own outcome as soon as
/// it has one, so a quiet stream never leaves finished messages uncounted.
/// </summary>
/// <remarks>
/// <see cref="KlaviyoDestination.SendAllAsync(IAsyncEnumerable{SegmentEvent}, CancellationToken)"/> keeps the same
/// order but hands results back in input order, so one slow message holds back the counting of every later one;
/// this sample counts each message the moment its own outcome is known.
/// </remarks>
internal sealed class UserOrderedRunner : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _running = [];

    public UserOrderedRunner(int maxConcurrency)
    {
        _gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>Runs <paramref name="work"/> for every message; completes when the source ended and all work finished.</summary>
    /// <param name="source">The messages.</param>
    /// <param name="work">Routes one message; must not throw.</param>
    public async Task RunAsync(IAsyncEnumerable<SegmentEvent> source, Func<SegmentEvent, Task> work)
    {
        await foreach (var message in source)
        {
            await _gate.WaitAsync();
            string? key = message.UserId ?? message.AnonymousId;
            Task previous = Task.CompletedTask;
            Task task;
            lock (_tails)
            {
                if (key is not null && _tails.TryGetValue(key, out var tail))
                {
                    previous = tail;
                }

                task = RunOneAsync(previous, message, work);
                if (key is not null)
                {
                    _tails[key] = task;
                }

                _running.Add(task);
            }

            _ = task.ContinueWith(
                completed =>
                {
                    lock (_tails)
                    {
                        _running.Remove(completed);
                        if (key is not null && _tails.TryGetValue(key, out var current) && current == completed)
                        {
                            _tails.Remove(key);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        Task[] remaining;
        lock (_tails)
        {
            remaining = [.. _running];
        }

        await Task.WhenAll(remaining);
    }

    private async Task RunOneAsync(Task previous, SegmentEvent message, Func<SegmentEvent, Task> work)
    {
        try
        {
            await previous;
            await work(message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate; call after <see cref="RunAsync"/> completed.</summary>
    public void Dispose() => _gate.Dispose();
}
