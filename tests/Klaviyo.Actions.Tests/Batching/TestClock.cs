using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>A <see cref="FakeTimeProvider"/> that lets a test wait until code under test has started a timer.</summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<bool> _timers = Channel.CreateUnbounded<bool>();

    public TestClock()
        : base(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(true);
        return timer;
    }

    /// <summary>Waits (on the real clock, as a safety net only) until one more timer was created.</summary>
    public async Task WaitForTimerAsync()
    {
        try
        {
            await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("The code under test never started a timer.");
        }
    }
}

/// <summary>Waits for a condition without sleeping: yields to the thread pool until it holds.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > 20_000)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Yield();
        }
    }
}
