using System.Globalization;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>
/// Progress without a terminal (logs, CI, pipes): one plain line on standard error every few seconds, written by a
/// timer so a stalled run still shows it is alive, and a last line on <see cref="CompleteAsync"/>.
/// <see cref="TerminalProgress"/> draws a live bar instead when standard error is a terminal.
/// </summary>
internal sealed class ProgressReporter : IRunProgress
{
    /// <summary>How often a progress line is written.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private readonly long? _total;
    private readonly TextWriter _lines;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer? _timer;
    private readonly Lock _gate = new();
    private long _done;

    /// <summary>A reporter writing to <paramref name="lines"/>; tests pass no timer and call <see cref="WriteLine"/>.</summary>
    public ProgressReporter(long? total, TextWriter lines, TimeProvider time, bool startTimer = true)
    {
        _total = total;
        _lines = lines;
        _time = time;
        _started = time.GetTimestamp();
        if (startTimer)
        {
            _timer = time.CreateTimer(_ => WriteLine(), null, LineInterval, LineInterval);
        }
    }

    /// <summary>Events finished so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    public void Advance() => Interlocked.Increment(ref _done);

    public Task CompleteAsync()
    {
        _timer?.Dispose();
        WriteLine();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes one plain progress line: done (of the total), rate, elapsed.</summary>
    internal void WriteLine()
    {
        long done = Done;
        double seconds = _time.GetElapsedTime(_started).TotalSeconds;
        double rate = seconds <= 0 ? 0 : done / seconds;
        string count = _total is > 0 and var total ? $"{done}/{total} events" : $"{done} events";
        lock (_gate)
        {
            _lines.WriteLine(string.Create(CultureInfo.InvariantCulture, $"progress: {count}, {rate:F0} events/s, {seconds:F0} s elapsed"));
        }
    }
}
