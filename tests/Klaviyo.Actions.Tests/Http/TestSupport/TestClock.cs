using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Tests.Http.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer armed on it (retry delays, rate-limiter waits,
/// timeouts), so a test can wait until the code under test is blocked on fake time before advancing it — no
/// real sleeps, no races between <see cref="FakeTimeProvider.Advance"/> and the code arming its timer.
/// </summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly List<TimeSpan> _armed = [];
    private readonly List<(int Index, Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _anyOrderWaiters = [];
    private int _cursor;

    public TestClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Every due time armed so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Armed
    {
        get
        {
            lock (_armed)
            {
                return _armed.ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(this, base.CreateTimer(callback, state, dueTime, period));
        Record(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits for the next timer armed (after the last one this method returned) whose due time matches, and
    /// returns that due time. Fails after 10 s of real time — a safety net, not part of the test's timing.
    /// </summary>
    public Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool>? match = null)
    {
        match ??= _ => true;
        lock (_armed)
        {
            for (int i = _cursor; i < _armed.Count; i++)
            {
                if (match(_armed[i]))
                {
                    _cursor = i + 1;
                    return Task.FromResult(_armed[i]);
                }
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_armed.Count, match, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Waits for the next timer due within <paramref name="max"/> (skips long timeouts).</summary>
    /// <summary>
    /// Completes when a timer matching <paramref name="match"/> has been armed at any point, whatever the order in
    /// which timers were armed (unlike <see cref="NextTimerAsync"/>, which walks forward past the timers it returned).
    /// </summary>
    public Task<TimeSpan> ArmedAsync(Func<TimeSpan, bool> match)
    {
        lock (_armed)
        {
            foreach (var due in _armed)
            {
                if (match(due))
                {
                    return Task.FromResult(due);
                }
            }

            var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _anyOrderWaiters.Add((match, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public Task<TimeSpan> NextTimerWithinAsync(TimeSpan max) => NextTimerAsync(due => due > TimeSpan.Zero && due <= max);

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<(TaskCompletionSource<TimeSpan> Signal, TimeSpan Due)> fire = [];
        lock (_armed)
        {
            _armed.Add(dueTime);
            int index = _armed.Count - 1;
            foreach (var waiter in _waiters.ToList())
            {
                if (index >= waiter.Index && index >= _cursor && waiter.Match(dueTime))
                {
                    _waiters.Remove(waiter);
                    _cursor = index + 1;
                    fire.Add((waiter.Signal, dueTime));
                    break;
                }
            }

            foreach (var waiter in _anyOrderWaiters.ToList())
            {
                if (waiter.Match(dueTime))
                {
                    _anyOrderWaiters.Remove(waiter);
                    fire.Add((waiter.Signal, dueTime));
                }
            }
        }

        foreach (var (signal, due) in fire)
        {
            signal.TrySetResult(due);
        }
    }

    private sealed class ObservedTimer(TestClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
