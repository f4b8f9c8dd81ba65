using System.Diagnostics;
using System.Globalization;
using Klaviyo.Actions.Benchmarks.EndToEnd;
using Klaviyo.Actions.Benchmarks.Support;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// "Segment's batch workload" (issue 13): 100,000 deterministic track (<c>Product Viewed</c> → Track Event) or
/// identify (→ Upsert Profile) events through <see cref="Mapping.KlaviyoDestination"/> with Segment's default mapping
/// and batching (<c>batch_size</c> 1,000), Klaviyo answering 202 at once in process. The parent starts one child
/// process per measurement (<c>dotnet &lt;benchmarks dll&gt; segment-workload --run … --warmup-batches K</c>), so
/// each starts fresh: after one warm-up batch ("cold") and after 150 ("steady"), and prints CPU µs/event, events/s,
/// peak RSS, requests and GC counts against Segment's Node figures and the targets.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- segment-workload</c>.
/// </summary>
internal static class SegmentWorkloadCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var options = WorkloadOptions.Parse(args);
        if (options.Run is { } kind)
        {
            var figures = await WorkloadRun.RunAsync(kind, options.Events, options.WarmupBatches, options.Feed);
            if (!Console.IsOutputRedirected)
            {
                output.WriteLine(figures.ToString()); // run by hand; the parent reads only the result line
            }

            output.WriteLine(figures.ToLine());
            return figures.NotSent == 0 ? 0 : 1;
        }

        var all = new List<WorkloadFigures>();
        foreach (string collector in options.Collectors)
        {
            foreach (var workload in options.Runs)
            {
                foreach (int warmup in options.Warmups)
                {
                    for (int r = 0; r < options.Repeat; r++)
                    {
                        if (options.MaxLoad is { } maxLoad)
                        {
                            await LoadGate.WaitAsync(maxLoad, TimeSpan.FromMinutes(20), output);
                        }

                        output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {workload}, {warmup} warm-up batch(es), {collector} GC, load average {RunSummary.LoadAverage()}");
                        var figures = await RunChildAsync(workload, options.Events, warmup, options.Feed, collector);
                        output.WriteLine("  " + figures);
                        all.Add(figures);
                    }
                }
            }
        }

        WorkloadReport.WriteTo(output, all);
        return all.All(f => f.NotSent == 0) ? 0 : 1;
    }

    /// <summary>Runs one measurement in a fresh process and reads its result line.</summary>
    private static async Task<WorkloadFigures> RunChildAsync(WorkloadKind kind, int events, int warmupBatches, string feed, string collector)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(SegmentWorkloadCommand).Assembly.Location);
        foreach (string arg in (string[])["segment-workload", "--run", kind.ToString().ToLowerInvariant(), "--events", events.ToString(CultureInfo.InvariantCulture), "--warmup-batches", warmupBatches.ToString(CultureInfo.InvariantCulture), "--feed", feed])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = collector == "server" ? "1" : "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measurement process.");
        WorkloadFigures? figures = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            figures ??= WorkloadFigures.FromLine(line);
        }

        await child.WaitForExitAsync();
        return figures ?? throw new InvalidOperationException($"The measurement process exited with code {child.ExitCode} and no result.");
    }

    /// <summary>The <c>dotnet</c> host: this process's when it is one, else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        string? path = Environment.ProcessPath;
        return path is not null && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
