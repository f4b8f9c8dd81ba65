namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>The parent's closing table: each measurement against Segment's Node figures and issue 13's targets.</summary>
internal static class WorkloadReport
{
    public static void WriteTo(TextWriter output, IReadOnlyList<WorkloadFigures> runs)
    {
        output.WriteLine();
        output.WriteLine("| workload | warm-up | GC | CPU µs/event | Segment Node | target | events/s | peak RSS MB | requests | GCs gen0/1/2 | GC pause ms | KB/event | pool items/event |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var kind = run.Workload == "track" ? WorkloadKind.Track : WorkloadKind.Identify;
            double? node = SegmentReference.NodeMicroseconds(kind, run.WarmupBatches);
            double? target = SegmentReference.TargetMicroseconds(kind, run.WarmupBatches);
            string verdict = target is { } t ? $"≤ {t:N0} {(run.CpuMicrosecondsPerEvent <= t ? "met" : $"missed by {run.CpuMicrosecondsPerEvent - t:N1}")}" : "–";
            string rss = $"{run.PeakRssMegabytes:N0} ({(run.PeakRssMegabytes <= SegmentReference.TargetRssMegabytes ? "met" : "missed")})";
            output.WriteLine(
                $"| {run.Workload} | {run.WarmupBatches} | {(run.ServerGc ? "server" : "workstation")} | {run.CpuMicrosecondsPerEvent:N1} | {(node is { } n ? n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–")} | {verdict} "
                + $"| {run.EventsPerSecond:N0} | {rss} | {run.Requests:N0} | {run.Gen0}/{run.Gen1}/{run.Gen2} | {run.GcPauseMilliseconds:N0} | {run.AllocatedBytes / 1024.0 / run.Events:N1} | {(double)run.ThreadPoolItems / run.Events:N2} |");
        }

        output.WriteLine();
        output.WriteLine($"Segment's Node implementation: Track 33 µs/event cold, 35 steady; Upsert 49 cold, 40 steady; {SegmentReference.NodeRssMegabytes:N0} MB RSS. RSS target ≤ {SegmentReference.TargetRssMegabytes:N0} MB. CPU includes writing the input JSON (printed per run).");
    }
}
