using System.Globalization;
using Klaviyo.Actions.Sync.Segment;
using Klaviyo.Actions.Sync.Sqlite;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>pull-to-segment --write-key KEY [--segment-host us|eu|URL] [--since ISO-8601] [--metrics "A,B"] [--metric-ids "X,Y"]
/// [--source-of-truth klaviyo|segment] [--only-destination-profiles] [--no-profiles] [--state PATH] [--sync-name NAME]
/// [--api-key KEY] [--base-url URL]</c>: one Klaviyo → Segment run. Reads the profiles (and the chosen metrics' events)
/// that changed since the cursor kept in SQLite and sends them to Segment's tracking API. Exit code 0 when the run
/// completed, 1 when it stopped early (the next run resumes), 2 for bad input.
/// </summary>
/// <remarks>The logic lives here, not in <c>Program.cs</c>, so another command-line parser can call it as it is.</remarks>
internal static class PullToSegmentCommand
{
    /// <summary>The cursor file used when <c>--state</c> is not given.</summary>
    public const string DefaultStatePath = "klaviyo-to-segment.db";

    public static async Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = ReadOptions(args);
        string apiKey = args.Get("api-key") ?? Environment.GetEnvironmentVariable("KLAVIYO_API_KEY")
            ?? throw new UsageException("pull-to-segment reads a Klaviyo account: give --api-key (or KLAVIYO_API_KEY); with --base-url for an emulator started by `emulate`.");
        var klaviyoOptions = new KlaviyoClientOptions { ApiKey = apiKey };
        if (args.Get("base-url") is { } baseUrl)
        {
            klaviyoOptions.BaseAddress = Uri.TryCreate(baseUrl, UriKind.Absolute, out var klaviyoAddress)
                ? klaviyoAddress
                : throw new UsageException("--base-url must be an absolute URL.");
        }

        string statePath = args.Get("state") ?? DefaultStatePath;
        var store = new SqliteKlaviyoToSegmentCursorStore(new SqliteListSyncStateStoreOptions { DatabasePath = statePath });
        using var segmentHttp = new HttpClient();
        using var sync = new KlaviyoToSegmentSync(new KlaviyoClient(klaviyoOptions), segmentHttp, store, options);
        await Console.Error.WriteLineAsync(
            $"Pulling Klaviyo changes into Segment at {options.Segment.EffectiveBaseAddress} ({options.SourceOfTruth} is the source of truth"
            + (options.OnlyProfilesUpdatedByDestination ? ", only profiles the destination wrote" : string.Empty)
            + $"); cursor in {statePath}.");

        var result = await sync.RunAsync(cancellationToken);
        Print(output, result);
        return result.Completed ? 0 : 1;
    }

    /// <summary>Reads the sync's options from the command line (exposed for the tests).</summary>
    internal static KlaviyoToSegmentOptions ReadOptions(CommandArguments args)
    {
        var options = new KlaviyoToSegmentOptions
        {
            SyncName = args.Get("sync-name") ?? "default",
            SyncProfiles = !args.Has("no-profiles"),
            OnlyProfilesUpdatedByDestination = args.Has("only-destination-profiles"),
            SourceOfTruth = args.Get("source-of-truth")?.ToLowerInvariant() switch
            {
                null or "klaviyo" => KlaviyoToSegmentSourceOfTruth.Klaviyo,
                "segment" => KlaviyoToSegmentSourceOfTruth.Segment,
                _ => throw new UsageException("--source-of-truth must be klaviyo or segment."),
            },
            MetricNames = List(args.Get("metrics")),
            MetricIds = List(args.Get("metric-ids")),
            Since = args.Get("since") is { } since
                ? DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                    ? start
                    : throw new UsageException("--since must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.")
                : null,
            Segment = new SegmentTrackingOptions
            {
                WriteKey = args.Get("write-key") ?? Environment.GetEnvironmentVariable("SEGMENT_WRITE_KEY")
                    ?? throw new UsageException("pull-to-segment needs --write-key KEY (or SEGMENT_WRITE_KEY): the Segment source's write key."),
            },
        };

        switch (args.Get("segment-host")?.ToLowerInvariant())
        {
            case null or "us":
                options.Segment.Region = SegmentRegion.Us;
                break;
            case "eu":
                options.Segment.Region = SegmentRegion.Eu;
                break;
            case { } host:
                options.Segment.BaseAddress = Uri.TryCreate(host, UriKind.Absolute, out var address)
                    ? address
                    : throw new UsageException("--segment-host must be us, eu or an absolute URL (e.g. the web sample's http://localhost:5080/).");
                break;
        }

        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new UsageException(string.Join(" ", problems));
    }

    private static List<string> List(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Print(TextWriter output, KlaviyoToSegmentRunResult result)
    {
        output.WriteLine(result.Completed ? "Completed." : $"Stopped early: {result.Error} The next run resumes from the last batch Segment accepted.");
        output.WriteLine($"profiles  read {result.ProfilesRead,8:N0}   identify sent {result.IdentifiesSent,8:N0}");
        output.WriteLine($"events    read {result.EventsRead,8:N0}   track sent    {result.TracksSent,8:N0}");
        output.WriteLine($"batches   {result.Batches:N0} ({result.Retries:N0} retries) in {result.Duration.TotalSeconds:0.0}s");
        foreach (var (reason, count) in result.Skipped.OrderBy(p => p.Key))
        {
            output.WriteLine($"skipped   {reason}: {count:N0}");
        }

        foreach (var oversized in result.Oversized)
        {
            output.WriteLine($"oversized {oversized.Stream} {oversized.KlaviyoId}: {oversized.Bytes:N0} bytes (Segment's limit is 32 KB); not sent");
        }

        foreach (string name in result.UnknownMetricNames)
        {
            output.WriteLine($"unknown metric: {name}");
        }
    }
}
