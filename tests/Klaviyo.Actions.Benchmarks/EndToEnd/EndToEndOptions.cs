using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e [--events N] [--seed S] [--file PATH] [--max-sends N] [--replay-workers N] [--warmup N] [--skip-unbatched] [--mapping-only] [--batched-only] [--batch-orders] [--max-load L]</c>.
/// </summary>
internal sealed class EndToEndOptions
{
    public int Events { get; private init; } = 100_000;

    public int Seed { get; private init; } = 42;

    /// <summary>Where the generated events are written; a temporary file when not given.</summary>
    public string? File { get; private init; }

    /// <summary>
    /// The queue's <see cref="KlaviyoBatchingOptions.MaxConcurrentSends"/> (actions sent on their own at once: Order
    /// Completed in (a), everything in (b)); the SDK's default (32) when not given.
    /// </summary>
    public int? MaxSends { get; private init; }

    /// <summary>Requests the bare-HttpClient replay keeps in flight.</summary>
    public int ReplayWorkers { get; private init; } = 8;

    /// <summary>Events of each untimed warm-up pass (see <see cref="WarmUp"/>).</summary>
    public int Warmup { get; private init; } = 20_000;

    public bool SkipUnbatched { get; private init; }

    /// <summary>Run (m) and (a) with <see cref="Mapping.KlaviyoDestinationOptions.BatchOrderCompleted"/> on.</summary>
    public bool BatchOrders { get; private init; }

    /// <summary>Only run (m), routing and the queue with Klaviyo accepting in process (for profiling routing).</summary>
    public bool MappingOnly { get; private init; }

    /// <summary>Only run (a), the destination with the queue (for profiling the delivery path).</summary>
    public bool BatchedOnly { get; private init; }

    /// <summary>Each timed run starts once the 1-minute load average is at most this (waiting up to 20 minutes); no wait when <see langword="null"/>.</summary>
    public double? MaxLoad { get; private init; }

    /// <summary>A Redis to run (r) against after (a) with <c>--batched-only</c>: the same events through durable delivery on Redis Streams.</summary>
    public string? Redis { get; private init; }

    public static EndToEndOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool skipUnbatched = false, mappingOnly = false, batchedOnly = false, batchOrders = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--skip-unbatched")
            {
                skipUnbatched = true;
            }
            else if (arg == "--batch-orders")
            {
                batchOrders = true;
            }
            else if (arg == "--batched-only")
            {
                batchedOnly = true;
            }
            else if (arg == "--mapping-only")
            {
                mappingOnly = true;
            }
            else if (arg == "--concurrency")
            {
                throw new ArgumentException("--concurrency is gone: the destination no longer holds slots (issue 13). Use --max-sends N for the queue's MaxConcurrentSends.");
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown argument '{arg}'. Usage: e2e [--events N] [--seed S] [--file PATH] [--max-sends N] [--replay-workers N] [--warmup N] [--skip-unbatched] [--mapping-only] [--batched-only] [--batch-orders] [--max-load L] [--redis HOST:PORT]");
            }
        }

        return new EndToEndOptions
        {
            Events = Int(values, "events", 100_000),
            Seed = Int(values, "seed", 42),
            File = values.GetValueOrDefault("file"),
            Redis = values.GetValueOrDefault("redis"),
            MaxSends = values.ContainsKey("max-sends") ? Int(values, "max-sends", 0) : null,
            ReplayWorkers = Int(values, "replay-workers", 8),
            Warmup = Int(values, "warmup", 20_000),
            SkipUnbatched = skipUnbatched,
            MappingOnly = mappingOnly,
            BatchedOnly = batchedOnly,
            BatchOrders = batchOrders,
            MaxLoad = values.TryGetValue("max-load", out string? load) ? double.Parse(load, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
        };
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out string? text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
