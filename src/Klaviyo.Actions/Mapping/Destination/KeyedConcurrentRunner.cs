using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Processes a stream with bounded concurrency while keeping items that share a key (a user) strictly in order,
/// and yields results in input order. Work functions are expected not to throw except on cancellation.
/// A result is yielded as soon as it and every earlier one are done, also while the source is still waiting for
/// its next item (a slow producer does not hold back finished results).
/// <c>stall</c> (optional) hears when the runner starts and stops waiting on work it already started (every slot taken,
/// the oldest result not ready, the input ended, or the input is quiet while items wait behind an unfinished earlier
/// item of their key): a batching dispatcher flushes its queue for as long as that lasts.
/// </summary>
internal static class KeyedConcurrentRunner
{
    public static async IAsyncEnumerable<TResult> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> source,
        Func<TItem, int, string?> keyOf,
        Func<TItem, int, CancellationToken, Task<TResult>> work,
        int maxConcurrency,
        IDispatchStallListener? stall,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slots = new ConcurrencySlots(maxConcurrency);
        var tails = new ConcurrentDictionary<string, Task>(StringComparer.Ordinal);
        var behind = new WaitingCount();
        var pending = new Queue<Task<TResult>>();
        int index = 0;
        var items = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
#pragma warning disable CA2012 // IsCompleted is read first, then the ValueTask is consumed exactly once (awaited or AsTask).
                var next = items.MoveNextAsync();
#pragma warning restore CA2012
                if (!next.IsCompleted && pending.Count > 0)
                {
                    // The source is waiting: hand out what finishes meanwhile. While items wait behind an earlier
                    // item of their key, that is a stall too: each would otherwise sit out a batch delay in turn.
                    var waiting = next.AsTask();
                    while (!waiting.IsCompleted && pending.Count > 0)
                    {
                        var either = Task.WhenAny(waiting, pending.Peek());
                        await (behind.Any ? WhileStalledAsync(either, stall) : either).ConfigureAwait(false);
                        while (pending.Count > 0 && pending.Peek().IsCompleted)
                        {
                            yield return await pending.Dequeue().ConfigureAwait(false);
                        }
                    }

                    next = new ValueTask<bool>(waiting);
                }

                if (!await next.ConfigureAwait(false))
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var item = items.Current;
                var slot = slots.WaitAsync(cancellationToken).AsTask(); // no allocation when a slot is free
                if (!slot.IsCompleted)
                {
                    await WhileStalledAsync(slot, stall).ConfigureAwait(false);
                }

                await slot.ConfigureAwait(false); // cancellation

                int position = index++;
                string? key = keyOf(item, position);
                pending.Enqueue(key is null
                    ? RunOneAsync(item, position, Task.CompletedTask, null, work, slots, cancellationToken)
                    : Start(item, position, key, work, slots, tails, behind, cancellationToken));
                while (pending.Count > 0 && (pending.Peek().IsCompleted || pending.Count >= maxConcurrency * 2))
                {
                    yield return await NextAsync(pending, stall).ConfigureAwait(false);
                }
            }

            while (pending.Count > 0)
            {
                yield return await NextAsync(pending, stall).ConfigureAwait(false);
            }
        }
        finally
        {
            // A consumer that stops early still waits for the work already started, so nothing keeps sending
            // in the background after enumeration ends. Results nobody asked for any more are not observed.
            while (pending.Count > 0)
            {
                await WhileStalledAsync(pending.Dequeue(), stall).ConfigureAwait(false);
            }

            await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts an item after the previous unfinished item of its key. Only an item that does not finish at once becomes
    /// its key's tail, and leaves again when it finishes, so synchronous work (nothing sent, or a cached answer) reads
    /// the table without taking a lock and never writes it.
    /// </summary>
    private static Task<TResult> Start<TItem, TResult>(
        TItem item,
        int position,
        string key,
        Func<TItem, int, CancellationToken, Task<TResult>> work,
        ConcurrencySlots slots,
        ConcurrentDictionary<string, Task> tails,
        WaitingCount behind,
        CancellationToken cancellationToken)
    {
        var previous = tails.TryGetValue(key, out var tail) ? tail : Task.CompletedTask;
        var task = RunOneAsync(item, position, previous, behind, work, slots, cancellationToken);
        if (!task.IsCompleted)
        {
            // Only this (single) producer adds tails; the continuation removes this one unless a later item of the
            // key replaced it. Registered after the add, so it also runs when the item finished in between.
            tails[key] = task;
            _ = task.ContinueWith(
                finished => tails.TryRemove(KeyValuePair.Create(key, (Task)finished)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    private static Task<TResult> NextAsync<TResult>(Queue<Task<TResult>> pending, IDispatchStallListener? stall)
    {
        var next = pending.Dequeue();
        return next.IsCompleted || stall is null ? next : AfterStallAsync(next, stall);
    }

    private static async Task<TResult> AfterStallAsync<TResult>(Task<TResult> next, IDispatchStallListener stall)
    {
        await WhileStalledAsync(next, stall).ConfigureAwait(false);
        return await next.ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for work already started (its failure is not observed here) and tells the listener the runner is stalled
    /// for exactly as long as the wait lasts.
    /// </summary>
    private static async Task WhileStalledAsync(Task work, IDispatchStallListener? stall)
    {
        if (work.IsCompleted || stall is null)
        {
            await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        stall.OnStalled();
        try
        {
            await work.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            stall.OnResumed();
        }
    }

    private static async Task<TResult> RunOneAsync<TItem, TResult>(
        TItem item,
        int position,
        Task previous,
        WaitingCount? behind,
        Func<TItem, int, CancellationToken, Task<TResult>> work,
        ConcurrencySlots slots,
        CancellationToken cancellationToken)
    {
        try
        {
            var waitingBehind = previous.IsCompleted ? null : behind;
            waitingBehind?.Add(1);
            try
            {
                await previous.ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The previous item's failure is its own result; this item still runs.
            }
            finally
            {
                waitingBehind?.Add(-1);
            }

            return await work(item, position, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>How many started items wait for an unfinished earlier item of their key.</summary>
    private sealed class WaitingCount
    {
        private int _count;

        public bool Any => Volatile.Read(ref _count) > 0;

        public void Add(int delta) => Interlocked.Add(ref _count, delta);
    }
}
