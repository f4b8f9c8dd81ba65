using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.SegmentWorkload;

/// <summary>
/// <c>segment-workload [--runs track,identify] [--events N] [--warmups 1,150] [--gc server,workstation] [--repeat R] [--feed stream|batches] [--max-load L]</c>
/// (the parent: one child process per measurement), or <c>segment-workload --run track|identify --events N
/// --warmup-batches K [--feed stream|batches]</c> (one measurement, in this process).
/// </summary>
internal sealed class WorkloadOptions
{
    private const string Usage =
        "Usage: segment-workload [--runs track,identify] [--events N] [--warmups 1,150] [--gc server,workstation] [--repeat R] [--feed stream|batches] [--max-load L]"
        + " | segment-workload --run track|identify --events N --warmup-batches K [--feed stream|batches]";

    /// <summary>The workload this process measures (child mode); <see langword="null"/> in the parent.</summary>
    public WorkloadKind? Run { get; private init; }

    /// <summary>The workloads the parent measures.</summary>
    public IReadOnlyList<WorkloadKind> Runs { get; private init; } = [WorkloadKind.Track, WorkloadKind.Identify];

    /// <summary>Events measured per run.</summary>
    public int Events { get; private init; } = 100_000;

    /// <summary>Warm-up batches (of <see cref="WorkloadMappings.BatchSize"/> events) before the measurement (child mode).</summary>
    public int WarmupBatches { get; private init; } = 1;

    /// <summary>The warm-ups the parent measures after: one batch ("cold") and 150 ("steady").</summary>
    public IReadOnlyList<int> Warmups { get; private init; } = [1, 150];

    /// <summary>The garbage collectors the parent runs children with (<c>DOTNET_gcServer</c>); the project's (server) by default.</summary>
    public IReadOnlyList<string> Collectors { get; private init; } = ["server"];

    /// <summary>Measurements per combination (each in its own process).</summary>
    public int Repeat { get; private init; } = 1;

    /// <summary>
    /// How the measured events reach the destination: <c>stream</c>, one <c>SendJsonAllAsync</c> over all of them (the
    /// queue cuts the bulk requests); <c>batches</c>, one call per Segment batch of 1,000, each awaited before the next
    /// (as Segment hands a destination its batches).
    /// </summary>
    public string Feed { get; private init; } = "stream";

    /// <summary>The parent starts each child once the 1-minute load average is at most this (waiting up to 20 minutes); no wait when <see langword="null"/>.</summary>
    public double? MaxLoad { get; private init; }

    public static WorkloadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'. {Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        string[] known = ["run", "runs", "events", "warmup-batches", "warmups", "gc", "repeat", "feed", "max-load"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option '--{unknown}'. {Usage}");
        }

        string feed = values.GetValueOrDefault("feed", "stream");
        if (feed is not ("stream" or "batches"))
        {
            throw new ArgumentException($"--feed is stream or batches. {Usage}");
        }

        var collectors = List(values, "gc", "server");
        if (collectors.Any(c => c is not ("server" or "workstation")))
        {
            throw new ArgumentException($"--gc takes server and/or workstation. {Usage}");
        }

        return new WorkloadOptions
        {
            Run = values.TryGetValue("run", out string? run) ? Kind(run) : null,
            Runs = [.. List(values, "runs", "track,identify").Select(Kind)],
            Events = Int(values, "events", 100_000),
            WarmupBatches = Int(values, "warmup-batches", 1),
            Warmups = [.. List(values, "warmups", "1,150").Select(w => int.Parse(w, NumberStyles.Integer, CultureInfo.InvariantCulture))],
            Collectors = collectors,
            Repeat = Int(values, "repeat", 1),
            Feed = feed,
            MaxLoad = values.TryGetValue("max-load", out string? load) ? double.Parse(load, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
        };
    }

    private static WorkloadKind Kind(string text) => text switch
    {
        "track" => WorkloadKind.Track,
        "identify" => WorkloadKind.Identify,
        _ => throw new ArgumentException($"'{text}' is not a workload (track or identify). {Usage}"),
    };

    private static string[] List(Dictionary<string, string> values, string name, string fallback) =>
        values.GetValueOrDefault(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out string? text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
