using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that can run virtual time forward for as long as a task waits on its timers.</summary>
internal sealed class WireClock : FakeTimeProvider
{
    private readonly Channel<bool> _timers = Channel.CreateUnbounded<bool>();

    public WireClock()
        : base(new DateTimeOffset(2026, 11, 1, 12, 0, 0, 250, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(true);
        return timer;
    }

    /// <summary>
    /// Until <paramref name="task"/> completes, advances the clock by <paramref name="step"/> each time the code under
    /// test starts a timer. Real time is only a safety net (30 s without progress fails the test).
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan step)
    {
        using var stop = new CancellationTokenSource();
        try
        {
            while (!task.IsCompleted)
            {
                var timer = _timers.Reader.ReadAsync(stop.Token).AsTask();
                var done = await Task.WhenAny(task, timer).WaitAsync(TimeSpan.FromSeconds(30));
                if (done == timer)
                {
                    Advance(step);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        return await task;
    }
}
