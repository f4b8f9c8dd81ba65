using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// A fake clock that knows when someone is waiting out a given delay (a retry honouring <c>Retry-After</c>), so a
/// test advances time exactly when a retry is pending instead of sleeping.
/// </summary>
public sealed class RetryDelayClock(DateTimeOffset start, TimeSpan watchedDelay) : FakeTimeProvider(start)
{
    private readonly object _gate = new();
    private TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many timers of the watched delay were created.</summary>
    public int WatchedTimersCreated { get; private set; }

    /// <summary>Completes once a timer of the watched delay has been created since the last <see cref="AdvancePastWaiters"/>.</summary>
    public Task SomeoneWaiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Task;
            }
        }
    }

    /// <summary>Moves the clock by the watched delay, releasing every waiter created so far.</summary>
    public void AdvancePastWaiters()
    {
        lock (_gate)
        {
            _waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // A timer created after the swap and before this advance is released too, and has signalled the new
        // source: the next round then just advances once more. No waiter can be missed.
        Advance(watchedDelay);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watchedDelay)
        {
            lock (_gate)
            {
                WatchedTimersCreated++;
                _waiting.TrySetResult();
            }
        }

        return timer;
    }
}
