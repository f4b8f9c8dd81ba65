using System.Diagnostics;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>
/// A progress bar with the event rate, redrawn on standard error at most a few times a second (only when standard
/// error is a terminal, so logs and CI output stay clean).
/// </summary>
internal sealed class ProgressReporter
{
    private const int BarWidth = 30;
    private readonly long? _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private long _lastDrawMs = -1000;
    private long _done;

    public ProgressReporter(long? total) => _total = total;

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
        long done = Interlocked.Read(ref _done);
        if (_interactive)
        {
            Draw(done, _clock.ElapsedMilliseconds);
            Console.Error.WriteLine();
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
