using System.Diagnostics;
using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>The process's resident memory: the peak (<c>VmHWM</c>) and now (<c>VmRSS</c>) on Linux, the working set elsewhere.</summary>
internal static class ProcessMemory
{
    /// <summary>The most resident memory the process has held since it started, in bytes.</summary>
    public static long PeakResidentBytes() => Status("VmHWM:") ?? CurrentProcess(p => p.PeakWorkingSet64);

    /// <summary>The resident memory now, in bytes.</summary>
    public static long ResidentBytes() => Status("VmRSS:") ?? CurrentProcess(p => p.WorkingSet64);

    /// <summary>The process's CPU time so far (every thread: routing, queue, GC, JIT).</summary>
    public static TimeSpan ProcessorTime() => CurrentProcess(p => p.TotalProcessorTime);

    private static T CurrentProcess<T>(Func<Process, T> read)
    {
        using var process = Process.GetCurrentProcess();
        return read(process);
    }

    /// <summary>A <c>/proc/self/status</c> line in kB, as bytes; <see langword="null"/> where there is none.</summary>
    private static long? Status(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                string kilobytes = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, NumberStyles.Integer, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
