using System.Globalization;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// <c>e2e [--events N] [--seed S] [--file PATH] [--concurrency N] [--replay-workers N] [--warmup N] [--skip-unbatched] [--mapping-only] [--batched-only] [--batch-orders]</c>.
/// </summary>
internal sealed class EndToEndOptions
{
    public int Events { get; private init; } = 100_000;

    public int Seed { get; private init; } = 42;

    /// <summary>Where the generated events are written; a temporary file when not given.</summary>
    public string? File { get; private init; }

    /// <summary>The destination's <see cref="Mapping.KlaviyoDestinationOptions.MaxConcurrency"/>.</summary>
    public int Concurrency { get; private init; } = 256;

    /// <summary>Requests the bare-HttpClient replay keeps in flight.</summary>
    public int ReplayWorkers { get; private init; } = 8;

    /// <summary>Events of each untimed warm-up pass (see <see cref="WarmUp"/>).</summary>
    public int Warmup { get; private init; } = 20_000;

    public bool SkipUnbatched { get; private init; }

    /// <summary>Run (a) with <see cref="Batching.KlaviyoBatchingDispatcher.BatchOrderCompleted"/> on.</summary>
    public bool BatchOrders { get; private init; }

    /// <summary>Only run (m), the destination with nothing sent (for profiling the mapping path).</summary>
    public bool MappingOnly { get; private init; }

    /// <summary>Only run (a), the destination with the queue (for profiling the delivery path).</summary>
    public bool BatchedOnly { get; private init; }

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
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown argument '{arg}'. Usage: e2e [--events N] [--seed S] [--file PATH] [--concurrency N] [--replay-workers N] [--warmup N] [--skip-unbatched] [--mapping-only] [--batched-only] [--batch-orders]");
            }
        }

        return new EndToEndOptions
        {
            Events = Int(values, "events", 100_000),
            Seed = Int(values, "seed", 42),
            File = values.GetValueOrDefault("file"),
            Concurrency = Int(values, "concurrency", 256),
            ReplayWorkers = Int(values, "replay-workers", 8),
            Warmup = Int(values, "warmup", 20_000),
            SkipUnbatched = skipUnbatched,
            MappingOnly = mappingOnly,
            BatchedOnly = batchedOnly,
            BatchOrders = batchOrders,
        };
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out string? text) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
