using System.Runtime.CompilerServices;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Processes a stream with bounded concurrency while keeping items that share a key (a user) strictly in order,
/// and yields results in input order. Work functions are expected not to throw except on cancellation.
/// <c>onStall</c> (optional) is called whenever the runner waits on work it already started: every slot taken, the
/// oldest result not ready, or the input ended.
/// </summary>
internal static class KeyedConcurrentRunner
{
    public static async IAsyncEnumerable<TResult> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> source,
        Func<TItem, int, string?> keyOf,
        Func<TItem, int, CancellationToken, Task<TResult>> work,
        int maxConcurrency,
        Action? onStall,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Not disposed: in-flight work releases it, and SemaphoreSlim holds nothing to dispose unless its wait handle is used.
        var gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        var tails = new Dictionary<string, Task>(StringComparer.Ordinal);
        var pending = new Queue<Task<TResult>>();
        int index = 0;
        try
        {
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (onStall is not null && gate.CurrentCount == 0)
                {
                    onStall();
                }

                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                int position = index++;
                string? key = keyOf(item, position);
                Task previous = Task.CompletedTask;
                if (key is not null)
                {
                    lock (tails)
                    {
                        if (tails.TryGetValue(key, out var tail))
                        {
                            previous = tail;
                        }
                    }
                }

                var task = RunOneAsync(item, position, previous, work, gate, cancellationToken);
                if (key is not null)
                {
                    lock (tails)
                    {
                        tails[key] = task;
                    }

                    _ = task.ContinueWith(
                        completed =>
                        {
                            lock (tails)
                            {
                                if (tails.TryGetValue(key, out var current) && current == completed)
                                {
                                    tails.Remove(key);
                                }
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                pending.Enqueue(task);
                while (pending.Count > 0 && (pending.Peek().IsCompleted || pending.Count >= maxConcurrency * 2))
                {
                    yield return await NextAsync(pending, onStall).ConfigureAwait(false);
                }
            }

            while (pending.Count > 0)
            {
                yield return await NextAsync(pending, onStall).ConfigureAwait(false);
            }
        }
        finally
        {
            // A consumer that stops early still waits for the work already started, so nothing keeps sending
            // in the background after enumeration ends.
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Results nobody asked for any more.
                }
            }
        }
    }

    private static Task<TResult> NextAsync<TResult>(Queue<Task<TResult>> pending, Action? onStall)
    {
        var next = pending.Dequeue();
        if (onStall is not null && !next.IsCompleted)
        {
            onStall();
        }

        return next;
    }

    private static async Task<TResult> RunOneAsync<TItem, TResult>(
        TItem item,
        int position,
        Task previous,
        Func<TItem, int, CancellationToken, Task<TResult>> work,
        SemaphoreSlim gate,
        CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                await previous.ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The previous item's failure is its own result; this item still runs.
            }

            return await work(item, position, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
