using System.Collections.Concurrent;
using System.CommandLine;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.ConsoleApp.Cli;
using Klaviyo.Actions.ConsoleApp.Delivery;
using Klaviyo.Actions.ConsoleApp.Reporting;
using Klaviyo.Actions.Mapping;
using Spectre.Console;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>send &lt;file|-&gt; [--mappings FILE] [--api-key KEY] [--base-url URL] [--report FILE] [--rate-limits]</c>:
/// routes Segment events through a destination and delivers them. Exit code 1 when any delivery failed or was
/// rejected by Klaviyo (invalid input is reported, not a failure of the run); 2 when Klaviyo refused the API key
/// (the run stops at the first 401/403: no more events are read, nothing more is sent); 130 when interrupted
/// (Ctrl+C), after the events already routed were delivered or, past the drain deadline, counted as not delivered.
/// </summary>
internal sealed class SendCommand : Command
{
    private readonly Argument<string> _input = new("file")
    {
        Description = "Segment events: JSON lines, or one JSON array; - reads standard input.",
    };

    private readonly Option<string?> _mappings = new("--mappings")
    {
        Description = "Destination mappings in Segment's JSON (default: Segment's defaults for every action).",
        HelpName = "FILE",
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = "Klaviyo private key (or KLAVIYO_API_KEY). Without a key the built-in emulator is used.",
        HelpName = "KEY",
    };

    private readonly Option<string?> _baseUrl = new Option<string?>("--base-url")
    {
        Description = "Another Klaviyo-compatible address, e.g. an emulator started by `emulate` (needs a key).",
        HelpName = "URL",
    }.AbsoluteUrl("http://127.0.0.1:8080/");

    private readonly Option<string?> _report = new("--report")
    {
        Description = "Write every event's outcomes as JSON (messageId, each mapping's outcome and reasons).",
        HelpName = "FILE",
    };

    private readonly Option<bool> _rateLimits = new("--rate-limits")
    {
        Description = "Apply Klaviyo's rate limits on the built-in emulator too (client and server).",
    };

    private readonly Option<int> _batchDelayMs = new Option<int>("--batch-delay-ms")
    {
        Description = "How long the background queue waits to fill a batch, in milliseconds.",
        DefaultValueFactory = _ => 250,
        HelpName = "N",
    }.InRange(0, 60_000, "must be between 0 and 60000 milliseconds");

    public SendCommand()
        : base("send", "Deliver Segment events (JSON lines or a JSON array) through a destination, to Klaviyo or the built-in emulator.")
    {
        _input.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value.StartsWith("--", StringComparison.Ordinal))
            {
                result.AddError($"Unknown option {value}: send takes a file of events (or -) and the options listed by 'klaviyo-actions send --help'.");
            }
        });
        Add(_input);
        Add(_mappings);
        Add(_apiKey);
        Add(_baseUrl);
        Add(_report);
        Add(_rateLimits);
        Add(_batchDelayMs);
        SetAction((parse, cancellationToken) => RunAsync(Read(parse), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
    }

    /// <summary>
    /// The in-process entry point tests use: <paramref name="args"/> are the words after <c>send</c>, parsed by this
    /// command's definition (bad options throw <see cref="UsageException"/>); messages and progress go to standard error.
    /// </summary>
    public static Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var command = new SendCommand();
        return RunAsync(command.Read(args.ParseFor(command)), output, Console.Error, cancellationToken);
    }

    /// <summary>Runs <c>send</c>; the exit code as documented on the class.</summary>
    /// <exception cref="UsageException">No such file, or a mapping file's key that is a placeholder.</exception>
    public static async Task<int> RunAsync(SendSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Input != "-" && !File.Exists(settings.Input))
        {
            throw new UsageException($"No such file: {settings.Input}");
        }

        var configuration = await LoadConfigurationAsync(settings.Mappings, cancellationToken);
        foreach (string warning in configuration.Warnings)
        {
            await error.WriteLineAsync("warning: " + warning);
        }

        await using var target = await DeliveryTarget.CreateAsync(settings.ApiKey, settings.BaseUrl, cancellationToken, configuration.ApiKey);
        await error.WriteLineAsync($"Sending to {target.Description}.");

        var options = target.Options;
        if (target.Emulator is not null && !settings.RateLimits)
        {
            // The emulator does not limit unless asked; Klaviyo's per-account limits would only slow the demo down.
            options.RateLimiting.Enabled = false;
        }

        // Batch-flagged mappings (enable_batching) go through the background queue; a short delay keeps it moving.
        options.Batching.MaxDelay = settings.BatchDelay ?? TimeSpan.FromMilliseconds(250);

        var time = TimeProvider.System;
        using var counter = new RequestCounter();
        using var keyGuard = new ApiKeyRefusalGuard(counter);
        using var http = new HttpClient(keyGuard, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KlaviyoClient(http, options);
        await using var batcher = new KlaviyoBatcher(client, options.Batching);
        var destination = new KlaviyoDestination(configuration, client, new KlaviyoDestinationOptions { Delivery = batcher });

        var summary = new RunSummary();
        long started = time.GetTimestamp();
        await using var report = settings.Report is { } reportPath ? new EventReportWriter(reportPath) : null;

        // Ctrl+C: stop reading, let delivery send what was routed until its deadline, and count the rest as not delivered.
        var drainTimeout = options.Batching.ShutdownDrainTimeout;
        using var interruption = cancellationToken.Register(() =>
        {
            error.WriteLine($"Interrupted: no more events are read; delivering those already routed (at most {drainTimeout.TotalSeconds:F0} s).");
            _ = batcher.DrainAsync(drainTimeout, CancellationToken.None);
        });

        // A refused key stops reading at once; the guard fails whatever is still queued without sending it.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, keyGuard.Refused);
        var rawMessageIds = new ConcurrentDictionary<int, string>();
        await using (var progress = StartProgress(EventFileReader.CountEvents(settings.Input), output, error, time))
        {
            var lines = RememberMessageIds(EventFileReader.ReadAsync(settings.Input, stopReading.Token), rawMessageIds);
            await foreach (var result in destination.SendJsonAllAsync(lines, stopReading.Token))
            {
                rawMessageIds.TryRemove(result.Index, out string? rawMessageId);
                summary.Add(result);
                report?.Write(result, rawMessageId);
                progress.Advance();
            }

            await progress.CompleteAsync();
        }

        summary.AddRequests(counter.ByAction);
        var facts = new RunFacts(target.Description, time.GetElapsedTime(started), counter.ByEndpoint, keyGuard.RefusedWith);
        if (IsTerminal(output, Console.Out, Console.IsOutputRedirected))
        {
            TerminalSummary.Print(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }), summary, facts);
        }
        else
        {
            SummaryPrinter.Print(output, summary, facts);
        }

        if (keyGuard.RefusedWith is { } refused)
        {
            await error.WriteLineAsync($"Klaviyo refused the API key ({(int)refused} {refused}). Check --api-key, KLAVIYO_API_KEY or the mapping file's api_key; nothing more was sent.");
            return ExitCodes.UsageOrKeyRefused;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"Interrupted after {summary.Events} events; {summary.NotDelivered} were not delivered before shutdown (counted as failed).");
            return ExitCodes.Interrupted;
        }

        return summary.AnyFailed ? ExitCodes.SomeFailed : ExitCodes.Ok;
    }

    /// <summary>The settings this command's options hold in <paramref name="parse"/>.</summary>
    internal SendSettings Read(ParseResult parse) => new(
        parse.GetRequiredValue(_input),
        parse.GetValue(_mappings),
        parse.GetValue(_apiKey),
        parse.GetValue(_baseUrl),
        parse.GetValue(_report),
        parse.GetValue(_rateLimits),
        TimeSpan.FromMilliseconds(parse.GetValue(_batchDelayMs)));

    /// <summary>A live bar when standard error is a terminal (and standard output too, so a piped summary stays clean), else plain lines.</summary>
    private static IRunProgress StartProgress(long? total, TextWriter output, TextWriter error, TimeProvider time) =>
        IsTerminal(error, Console.Error, Console.IsErrorRedirected) && IsTerminal(output, Console.Out, Console.IsOutputRedirected)
            ? new TerminalProgress(total, error, time)
            : new ProgressReporter(total, error, time);

    private static bool IsTerminal(TextWriter writer, TextWriter console, bool redirected) => ReferenceEquals(writer, console) && !redirected;

    /// <summary>Passes the lines on, keeping each one's leniently read <c>messageId</c> by position until its result comes.</summary>
    private static async IAsyncEnumerable<string?> RememberMessageIds(IAsyncEnumerable<string?> lines, ConcurrentDictionary<int, string> messageIds)
    {
        int index = 0;
        await foreach (string? line in lines)
        {
            if (LenientMessageId.Read(line) is { } messageId)
            {
                messageIds[index] = messageId;
            }

            index++;
            yield return line;
        }
    }

    private static async Task<DestinationConfiguration> LoadConfigurationAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return DestinationConfiguration.Parse(BuiltInMappings.Json);
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"No such mappings file: {path}");
        }

        await using var stream = File.OpenRead(path);
        return await DestinationConfiguration.LoadAsync(stream, cancellationToken);
    }
}
