using System.Globalization;
using Spectre.Console;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>
/// A live progress bar (Spectre.Console) on standard error when it is a terminal: events done of the total, the
/// rate, elapsed time. The bar runs on its own task; <see cref="Advance"/> only moves a counter.
/// </summary>
internal sealed class TerminalProgress : IRunProgress
{
    private readonly long? _total;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;
    private ProgressTask? _bar;
    private long _done;

    public TerminalProgress(long? total, TextWriter terminal, TimeProvider time)
    {
        _total = total;
        _time = time;
        _started = time.GetTimestamp();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) });
        _display = new Progress(console, time)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(Describe(0), autoStart: true, maxValue: total is > 0 ? total.Value : 1);
                bar.IsIndeterminate = total is not > 0;
                Volatile.Write(ref _bar, bar);
                await _finished.Task;
                Update(bar, Interlocked.Read(ref _done));
                bar.IsIndeterminate = false;
                bar.Value = bar.MaxValue;
                bar.StopTask();
            });
    }

    public void Advance()
    {
        long done = Interlocked.Increment(ref _done);
        if (Volatile.Read(ref _bar) is { } bar && (done % 25 == 0 || done == _total))
        {
            Update(bar, done);
        }
    }

    public async Task CompleteAsync()
    {
        _finished.TrySetResult();
        await _display;
    }

    public async ValueTask DisposeAsync() => await CompleteAsync();

    private void Update(ProgressTask bar, long done)
    {
        if (!bar.IsIndeterminate)
        {
            bar.Value = done;
        }

        bar.Description = Describe(done);
    }

    private string Describe(long done)
    {
        double seconds = _time.GetElapsedTime(_started).TotalSeconds;
        double rate = seconds <= 0 ? 0 : done / seconds;
        string count = _total is > 0 and var total ? string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0}") : done.ToString("N0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{count} events  {rate,6:N0}/s");
    }
}
