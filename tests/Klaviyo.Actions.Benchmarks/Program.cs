using Klaviyo.Actions.Benchmarks.EndToEnd;
using Klaviyo.Actions.Benchmarks.SegmentWorkload;

// `-- e2e [options]` runs the end-to-end throughput runner; `-- segment-workload [options]` runs Segment's batch
// workload (issue 13), one child process per measurement; `-- probe` prints the per-step allocation breakdown
// of the default mappings (`-- probe-types track|identify|order`: which types, sampled); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "e2e")
{
    return await EndToEndCommand.RunAsync(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == "segment-workload")
{
    return await SegmentWorkloadCommand.RunAsync(args[1..], Console.Out);
}

if (args is ["probe"])
{
    Klaviyo.Actions.Benchmarks.Support.AllocationProbe.Run();
    return 0;
}

if (args is ["probe-types", var kind])
{
    Klaviyo.Actions.Benchmarks.Support.AllocationTypes.Run(kind);
    return 0;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
