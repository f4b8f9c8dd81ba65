using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// Waits for a quiet machine before a measurement: on a shared two-core machine another build or test run doubles
/// wall time and skews CPU time (caches, frequency), so a measurement starts once the 1-minute load average is at
/// most the given value (or after the longest wait, saying so).
/// </summary>
internal static class LoadGate
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    /// <summary>The 1-minute load average; <see langword="null"/> where the system does not report one.</summary>
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path)
            ? double.Parse(File.ReadAllText(path).Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Waits until the 1-minute load average is at most <paramref name="maxLoad"/>, at most <paramref name="longest"/>.</summary>
    /// <param name="maxLoad">The highest load to start at.</param>
    /// <param name="longest">The longest wait.</param>
    /// <param name="output">Where the wait is reported.</param>
    public static async Task WaitAsync(double maxLoad, TimeSpan longest, TextWriter output)
    {
        long started = TimeProvider.System.GetTimestamp();
        bool reported = false;
        while (OneMinute() is { } load && load > maxLoad)
        {
            if (TimeProvider.System.GetElapsedTime(started) >= longest)
            {
                output.WriteLine($"  (load average still {load:N2} after {longest.TotalMinutes:N0} min; measuring anyway)");
                return;
            }

            if (!reported)
            {
                output.WriteLine($"  (waiting for the load average to fall from {load:N2} to {maxLoad:N2})");
                reported = true;
            }

            await Task.Delay(Poll);
        }
    }
}
