using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Redis.Tests.RateLimiting;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer armed on it, so a test advances time only once the code
/// under test waits on it (no real sleeps, no race between the wait being armed and the advance).
/// </summary>
internal sealed class ArmedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _armed.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due times of the next <paramref name="count"/> timers armed (a 10 s real-time safety net).</summary>
    public async Task<List<TimeSpan>> ArmedAsync(int count)
    {
        var due = new List<TimeSpan>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (due.Count < count)
        {
            due.Add(await _armed.Reader.ReadAsync(timeout.Token));
        }

        return due;
    }
}
