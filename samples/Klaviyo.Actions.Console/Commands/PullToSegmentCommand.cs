using System.CommandLine;
using System.Globalization;
using Klaviyo.Actions.ConsoleApp.Cli;
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
internal sealed class PullToSegmentCommand : Command
{
    /// <summary>The cursor file used when <c>--state</c> is not given.</summary>
    public const string DefaultStatePath = "klaviyo-to-segment.db";

    private readonly Option<string?> _writeKey = new("--write-key") { Description = "The Segment source's write key (or SEGMENT_WRITE_KEY).", HelpName = "KEY" };

    private readonly Option<string?> _segmentHost = new("--segment-host")
    {
        Description = "us (default), eu, or an absolute URL (e.g. the web sample's http://localhost:5080/).",
        HelpName = "us|eu|URL",
    };

    private readonly Option<string?> _since = new("--since") { Description = "Start here on the first run (ISO 8601, e.g. 2026-12-01T00:00:00Z).", HelpName = "ISO-8601" };

    private readonly Option<string?> _metrics = new("--metrics") { Description = "Metric names whose events are sent, comma-separated.", HelpName = "\"A,B\"" };

    private readonly Option<string?> _metricIds = new("--metric-ids") { Description = "Metric ids whose events are sent, comma-separated.", HelpName = "\"X,Y\"" };

    private readonly Option<string?> _sourceOfTruth = new Option<string?>("--source-of-truth")
    {
        Description = "klaviyo (default: every changed profile) or segment (no Klaviyo-only profiles).",
        HelpName = "klaviyo|segment",
    }.OneOf("klaviyo", "segment");

    private readonly Option<bool> _onlyDestinationProfiles = new("--only-destination-profiles") { Description = "Only profiles the destination wrote (marked)." };

    private readonly Option<bool> _noProfiles = new("--no-profiles") { Description = "Send events only, no identify calls." };

    private readonly Option<string?> _state = new("--state") { Description = "SQLite cursor file (default klaviyo-to-segment.db).", HelpName = "PATH" };

    private readonly Option<string?> _syncName = new("--sync-name") { Description = "Names this sync's cursor (default: default).", HelpName = "NAME" };

    private readonly Option<string?> _apiKey = new("--api-key") { Description = "Klaviyo private key (or KLAVIYO_API_KEY); required.", HelpName = "KEY" };

    private readonly Option<string?> _baseUrl = new Option<string?>("--base-url")
    {
        Description = "Another Klaviyo-compatible address, e.g. an emulator started by `emulate`.",
        HelpName = "URL",
    }.AbsoluteUrl("http://127.0.0.1:8080/");

    public PullToSegmentCommand()
        : base("pull-to-segment", "Klaviyo → Segment once: profiles and the chosen metrics' events changed since the cursor go to Segment's tracking API.")
    {
        _segmentHost.CompletionSources.Add("us", "eu");
        Add(_writeKey);
        Add(_segmentHost);
        Add(_since);
        Add(_metrics);
        Add(_metricIds);
        Add(_sourceOfTruth);
        Add(_onlyDestinationProfiles);
        Add(_noProfiles);
        Add(_state);
        Add(_syncName);
        Add(_apiKey);
        Add(_baseUrl);
        SetAction((parse, cancellationToken) => RunAsync(parse, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
    }

    /// <summary>The in-process entry point tests use: <paramref name="args"/> are the words after <c>pull-to-segment</c>.</summary>
    public static Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var command = new PullToSegmentCommand();
        return command.RunAsync(args.ParseFor(command), output, Console.Error, cancellationToken);
    }

    /// <summary>Reads the sync's options from the command line (exposed for the tests).</summary>
    /// <exception cref="UsageException">A value is not valid; the message names the option.</exception>
    internal static KlaviyoToSegmentOptions ReadOptions(CommandArguments args)
    {
        var command = new PullToSegmentCommand();
        return command.ReadOptions(args.ParseFor(command));
    }

    private async Task<int> RunAsync(ParseResult parse, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = ReadOptions(parse);
        string apiKey = parse.GetValue(_apiKey) ?? Environment.GetEnvironmentVariable("KLAVIYO_API_KEY")
            ?? throw new UsageException("pull-to-segment reads a Klaviyo account: give --api-key (or KLAVIYO_API_KEY); with --base-url for an emulator started by `emulate`.");
        var klaviyoOptions = new KlaviyoClientOptions { ApiKey = apiKey };
        if (parse.GetValue(_baseUrl) is { } baseUrl)
        {
            klaviyoOptions.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
        }

        string statePath = parse.GetValue(_state) ?? DefaultStatePath;
        var store = new SqliteKlaviyoToSegmentCursorStore(new SqliteListSyncStateStoreOptions { DatabasePath = statePath });
        using var segmentHttp = new HttpClient();
        using var sync = new KlaviyoToSegmentSync(new KlaviyoClient(klaviyoOptions), segmentHttp, store, options);
        await error.WriteLineAsync(
            $"Pulling Klaviyo changes into Segment at {options.Segment.EffectiveBaseAddress} ({options.SourceOfTruth} is the source of truth"
            + (options.OnlyProfilesUpdatedByDestination ? ", only profiles the destination wrote" : string.Empty)
            + $"); cursor in {statePath}.");

        var result = await sync.RunAsync(cancellationToken);
        Print(output, result);
        return result.Completed ? ExitCodes.Ok : ExitCodes.SomeFailed;
    }

    private KlaviyoToSegmentOptions ReadOptions(ParseResult parse)
    {
        var options = new KlaviyoToSegmentOptions
        {
            SyncName = parse.GetValue(_syncName) ?? "default",
            SyncProfiles = !parse.GetValue(_noProfiles),
            OnlyProfilesUpdatedByDestination = parse.GetValue(_onlyDestinationProfiles),
            SourceOfTruth = parse.GetValue(_sourceOfTruth)?.ToLowerInvariant() == "segment"
                ? KlaviyoToSegmentSourceOfTruth.Segment
                : KlaviyoToSegmentSourceOfTruth.Klaviyo,
            MetricNames = List(parse.GetValue(_metrics)),
            MetricIds = List(parse.GetValue(_metricIds)),
            Since = parse.GetValue(_since) is { } since
                ? DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
                    ? start
                    : throw new UsageException("--since must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z.")
                : null,
            Segment = new SegmentTrackingOptions
            {
                WriteKey = parse.GetValue(_writeKey) ?? Environment.GetEnvironmentVariable("SEGMENT_WRITE_KEY")
                    ?? throw new UsageException("pull-to-segment needs --write-key KEY (or SEGMENT_WRITE_KEY): the Segment source's write key."),
            },
        };

        switch (parse.GetValue(_segmentHost)?.ToLowerInvariant())
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
