namespace Klaviyo.Actions.Batching;

/// <summary>
/// Flushes the queue for a destination that waits on it (every slot holds an event whose batched action is queued),
/// one flush at a time. Requests that arrive while a flush is being answered fold into one follow-up flush, started
/// once it is answered: the events that answer resumes queue their next actions together, so those go out in one
/// request per group instead of one small request each. A flush starts from the thread pool, behind the
/// continuations already queued there (the resumed events), so it finds what they queue.
/// </summary>
internal sealed class StallFlusher(IKlaviyoBatcher batcher)
{
    private int _running;
    private int _requested;

    /// <summary>Asks for a flush: started now if none is running, else once the running one is answered.</summary>
    public void Request()
    {
        Volatile.Write(ref _requested, 1);
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Schedule();
        }
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(static self => self.Start(), this, preferLocal: false);

    private void Start()
    {
        Volatile.Write(ref _requested, 0);
        Task flush;
        try
        {
            flush = batcher.FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Never thrown on a pool thread (that would end the process): a queue shutting down answers its items
            // through its drain, so there is nothing to do but let the next request try again.
            flush = Task.FromException(e);
        }

        flush.ContinueWith(
            static (answered, state) => ((StallFlusher)state!).Answered(answered),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Answered(Task flush)
    {
        _ = flush.Exception; // a failed flush fails its items; nothing to report here

        if (Volatile.Read(ref _requested) == 1)
        {
            Schedule(); // still running: the follow-up takes over
            return;
        }

        Interlocked.Exchange(ref _running, 0);

        // A request between the read above and the release saw a flush running and only marked itself: take it over.
        if (Volatile.Read(ref _requested) == 1 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Schedule();
        }
    }
}
