using System.Text.Json;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// One measurement of a workload, in one process: what the process used from the first measured event to the last
/// result. A child prints it as one <c>RESULT {json}</c> line for the parent.
/// </summary>
/// <param name="Workload">track or identify.</param>
/// <param name="WarmupBatches">Batches of 1,000 events routed (untimed) before the measurement.</param>
/// <param name="Events">Events measured.</param>
/// <param name="Feed">stream or batches (see <see cref="WorkloadOptions.Feed"/>).</param>
/// <param name="ServerGc">Whether the process ran the server garbage collector.</param>
/// <param name="ElapsedSeconds">Wall time.</param>
/// <param name="CpuSeconds">Process CPU time (<see cref="System.Diagnostics.Process.TotalProcessorTime"/>): every thread, GC and JIT included.</param>
/// <param name="GenerationMicroseconds">CPU per event writing the input JSON (measured apart; included in <paramref name="CpuSeconds"/>).</param>
/// <param name="AllocatedBytes">Bytes allocated.</param>
/// <param name="Gen0">Generation-0 collections (each collection counts once, at its highest generation and below).</param>
/// <param name="Gen1">Generation-1 collections.</param>
/// <param name="Gen2">Generation-2 collections.</param>
/// <param name="GcPauseMilliseconds">Time the garbage collector paused the process.</param>
/// <param name="ThreadPoolItems">Work items the thread pool ran (each one a hop between threads).</param>
/// <param name="JitMethods">Methods the JIT compiled during the measurement (tiering included).</param>
/// <param name="Requests">Requests Klaviyo (the in-process handler) answered during the measurement.</param>
/// <param name="Sent">Events whose mapping ended sent.</param>
/// <param name="NotSent">Events that ended otherwise (any is a fault of the workload).</param>
/// <param name="FirstProblem">The first event that did not end sent, if any.</param>
/// <param name="PeakRssBytes">Peak resident memory of the process (<c>VmHWM</c>), warm-up included.</param>
/// <param name="RssAfterBytes">Resident memory after the measurement.</param>
/// <param name="LoadAverage">The 1-, 5- and 15-minute load averages when the measurement ended.</param>
internal sealed record WorkloadFigures(
    string Workload,
    int WarmupBatches,
    int Events,
    string Feed,
    bool ServerGc,
    double ElapsedSeconds,
    double CpuSeconds,
    double GenerationMicroseconds,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    double GcPauseMilliseconds,
    long ThreadPoolItems,
    long JitMethods,
    long Requests,
    int Sent,
    int NotSent,
    string? FirstProblem,
    long PeakRssBytes,
    long RssAfterBytes,
    string LoadAverage)
{
    private const string Prefix = "RESULT ";

    /// <summary>Process CPU per event, in microseconds.</summary>
    public double CpuMicrosecondsPerEvent => CpuSeconds * 1e6 / Events;

    /// <summary>Events per second of wall time.</summary>
    public double EventsPerSecond => Events / ElapsedSeconds;

    /// <summary>Peak resident memory in MB (2^20 bytes).</summary>
    public double PeakRssMegabytes => PeakRssBytes / 1048576.0;

    /// <summary>The line a child prints.</summary>
    public string ToLine() => Prefix + JsonSerializer.Serialize(this);

    /// <summary>Reads a child's line; <see langword="null"/> for any other line.</summary>
    /// <param name="line">A line of the child's output.</param>
    public static WorkloadFigures? FromLine(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<WorkloadFigures>(line[Prefix.Length..]) : null;

    /// <summary>A readable summary of the measurement.</summary>
    public override string ToString() =>
        $"{Workload}, {WarmupBatches} warm-up batch(es), {(ServerGc ? "server" : "workstation")} GC, feed {Feed}: {Events:N0} events in {ElapsedSeconds:N2} s = {EventsPerSecond:N0} events/s; "
        + $"CPU {CpuSeconds:N2} s = {CpuMicrosecondsPerEvent:N1} µs/event (input JSON {GenerationMicroseconds:N1} µs of it); "
        + $"allocated {AllocatedBytes / 1024.0 / Events:N1} KB/event; GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {GcPauseMilliseconds:N0} ms; "
        + $"{(double)ThreadPoolItems / Events:N2} thread-pool items/event; JIT {JitMethods:N0} methods; {Requests:N0} requests; "
        + $"sent {Sent:N0}, not sent {NotSent:N0}; peak RSS {PeakRssMegabytes:N0} MB (after: {RssAfterBytes / 1048576.0:N0} MB); load average {LoadAverage}"
        + (FirstProblem is null ? string.Empty : $"; first problem: {FirstProblem}");
}
