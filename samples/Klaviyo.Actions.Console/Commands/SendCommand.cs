using Klaviyo.Actions.Batching;
using Klaviyo.Actions.ConsoleApp.Delivery;
using Klaviyo.Actions.ConsoleApp.Reporting;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>send &lt;file|-&gt; [--mappings FILE] [--api-key KEY] [--base-url URL] [--report FILE] [--rate-limits]</c>:
/// routes Segment events through a destination and delivers them. Exit code 1 when any delivery failed or was
/// rejected by Klaviyo (invalid input is reported, not a failure of the run); 130 when interrupted (Ctrl+C), after
/// the events already routed were delivered or, past the drain deadline, counted as not delivered.
/// </summary>
internal static class SendCommand
{
    public static async Task<int> RunAsync(CommandArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        string input = args.Positional.Count > 0 ? args.Positional[0] : throw new UsageException("send needs a file of events (or - for standard input).");
        if (input != "-" && !File.Exists(input))
        {
            throw new UsageException($"No such file: {input}");
        }

        var configuration = await LoadConfigurationAsync(args.Get("mappings"), cancellationToken);
        foreach (string warning in configuration.Warnings)
        {
            await Console.Error.WriteLineAsync("warning: " + warning);
        }

        await using var target = await DeliveryTarget.CreateAsync(args.Get("api-key"), args.Get("base-url"), cancellationToken, configuration.ApiKey);
        await Console.Error.WriteLineAsync($"Sending to {target.Description}.");

        var options = target.Options;
        if (target.Emulator is not null && !args.Has("rate-limits"))
        {
            // The emulator does not limit unless asked; Klaviyo's per-account limits would only slow the demo down.
            options.RateLimiting.Enabled = false;
        }

        // Batch-flagged mappings (enable_batching) go through the background queue; a short delay keeps it moving.
        options.Batching.MaxDelay = TimeSpan.FromMilliseconds(args.GetInt("batch-delay-ms", 250));

        using var counter = new RequestCounter();
        using var http = new HttpClient(counter, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new KlaviyoClient(http, options);
        await using var batcher = new KlaviyoBatcher(client, options.Batching);
        var destination = new KlaviyoDestination(configuration, client, new KlaviyoDestinationOptions { Delivery = batcher });

        var summary = new RunSummary();
        using var progress = new ProgressReporter(EventFileReader.CountEvents(input));
        await using var report = args.Get("report") is { } reportPath ? new EventReportWriter(reportPath) : null;

        // Ctrl+C: stop reading, let delivery send what was routed until its deadline, and count the rest as not delivered.
        var drainTimeout = options.Batching.ShutdownDrainTimeout;
        using var interruption = cancellationToken.Register(() =>
        {
            Console.Error.WriteLine($"Interrupted: no more events are read; delivering those already routed (at most {drainTimeout.TotalSeconds:F0} s).");
            _ = batcher.DrainAsync(drainTimeout, CancellationToken.None);
        });

        await foreach (var result in destination.SendJsonAllAsync(EventFileReader.ReadAsync(input, cancellationToken), cancellationToken))
        {
            summary.Add(result);
            report?.Write(result);
            progress.Advance();
        }

        progress.Complete();
        summary.AddRequests(counter.ByAction);
        SummaryPrinter.Print(output, summary, progress.Elapsed, target.Description, counter.ByEndpoint);
        if (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"Interrupted after {summary.Events} events; {summary.NotDelivered} were not delivered before shutdown (counted as failed).");
            return 130;
        }

        return summary.AnyFailed ? 1 : 0;
    }

    private static async Task<DestinationConfiguration> LoadConfigurationAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return DestinationConfiguration.Parse(BuiltInMappings.Json);
        }

        await using var stream = File.OpenRead(path);
        return await DestinationConfiguration.LoadAsync(stream, cancellationToken);
    }
}
