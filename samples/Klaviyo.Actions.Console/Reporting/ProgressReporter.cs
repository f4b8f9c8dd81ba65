using System.Diagnostics;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>
/// A progress bar with the event rate, redrawn on standard error at most a few times a second when standard error
/// is a terminal; otherwise (logs, CI) one plain progress line every few seconds, written by a timer so a stalled run
/// still shows it is alive, and a last line on <see cref="Complete"/>.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    /// <summary>How often a progress line is written when standard error is not a terminal.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    private const int BarWidth = 30;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive;
    private readonly TextWriter _lines;
    private readonly Timer? _timer;
    private long _lastDrawMs = -1000;
    private long _done;

    public ProgressReporter(long? total)
        : this(total, interactive: !Console.IsErrorRedirected, lines: Console.Error, startTimer: true)
    {
    }

    /// <summary>A reporter writing its lines to <paramref name="lines"/>; tests pass no timer and call <see cref="WriteLine"/>.</summary>
    internal ProgressReporter(long? total, bool interactive, TextWriter lines, bool startTimer)
    {
        _total = total;
        _interactive = interactive;
        _lines = lines;
        if (!interactive && startTimer)
        {
            _timer = new Timer(_ => WriteLine(), null, LineInterval, LineInterval);
        }
    }

    /// <summary>Counts one finished event and redraws when due.</summary>
    public void Advance()
    {
        long done = Interlocked.Increment(ref _done);
        long now = _clock.ElapsedMilliseconds;
        if (_interactive && now - Interlocked.Read(ref _lastDrawMs) >= 200)
        {
            Interlocked.Exchange(ref _lastDrawMs, now);
            Draw(done, now);
        }
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Complete()
    {
        _timer?.Dispose();
        long done = Interlocked.Read(ref _done);
        if (_interactive)
        {
            Draw(done, _clock.ElapsedMilliseconds);
            Console.Error.WriteLine();
        }
        else
        {
            WriteLine();
        }
    }

    /// <summary>Stops the line timer (without a last line).</summary>
    public void Dispose() => _timer?.Dispose();

    /// <summary>Writes one plain progress line (done, total, rate, elapsed): the non-terminal display.</summary>
    internal void WriteLine()
    {
        long done = Interlocked.Read(ref _done);
        long elapsedMs = _clock.ElapsedMilliseconds;
        double rate = elapsedMs <= 0 ? 0 : done * 1000.0 / elapsedMs;
        string count = _total is > 0 and var total ? $"{done}/{total} events" : $"{done} events";
        lock (this)
        {
            _lines.WriteLine(FormattableString.Invariant($"progress: {count}, {rate:F0} events/s, {elapsedMs / 1000.0:F0} s elapsed"));
        }
    }

    /// <summary>Events finished so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Time since the start.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    private void Draw(long done, long elapsedMs)
    {
        double rate = elapsedMs <= 0 ? 0 : done * 1000.0 / elapsedMs;
        string bar;
        if (_total is > 0 and var total)
        {
            int filled = (int)Math.Min(BarWidth, done * BarWidth / total);
            bar = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{total}";
        }
        else
        {
            bar = $"{done} events";
        }

        lock (this)
        {
            Console.Error.Write($"\r{bar}  {rate,8:F0} events/s  {elapsedMs / 1000.0,6:F1}s ");
        }
    }
}
