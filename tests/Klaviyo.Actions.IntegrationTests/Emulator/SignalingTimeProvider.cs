using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports when a timer is created, so a test can advance the clock exactly when
/// the emulator has started waiting (for injected latency) instead of sleeping.
/// </summary>
public sealed class SignalingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next timer is created.</summary>
    public Task TimerCreated => _timerCreated.Task;

    public void ResetTimerSignal() => _timerCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timerCreated.TrySetResult();
        return timer;
    }
}
