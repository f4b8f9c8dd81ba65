using Klaviyo.Actions;
using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.Mapping;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    string command = args.Length > 0 ? args[0] : "help";
    var rest = CommandArguments.Parse(args.Skip(1), "rate-limits", "take-over", "only-destination-profiles", "no-profiles");
    return command switch
    {
        "send" => await SendCommand.RunAsync(rest, Console.Out, cancellation.Token),
        "emulate" => await EmulateCommand.RunAsync(rest, cancellation.Token),
        "generate-events" => await GenerateEventsCommand.RunAsync(rest, cancellation.Token),
        "sync-list" => await SyncListCommand.RunAsync(rest, Console.Out, cancellation.Token),
        "pull-to-segment" => await PullToSegmentCommand.RunAsync(rest, Console.Out, cancellation.Token),
        _ => Usage(command is "help" or "--help" or "-h" ? 0 : 2),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return Usage(2);
}
catch (Exception ex) when (ex is DestinationConfigurationException or KlaviyoValidationException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

static int Usage(int exitCode)
{
    Console.Error.WriteLine("""
        klaviyo-actions — send Segment events to Klaviyo the way Segment's Klaviyo (Actions) destination does.

        Commands:
          send <file|->        Deliver Segment events (JSON lines or a JSON array) through a destination.
              --mappings FILE  Destination mappings in Segment's JSON (default: Segment's defaults for every action).
              --api-key KEY    Klaviyo private key (or KLAVIYO_API_KEY). Without a key an in-process emulator is used.
              --base-url URL   Another Klaviyo-compatible address (needs a key).
              --report FILE    Write per-event outcomes as JSON.
              --rate-limits    Apply Klaviyo's rate limits on the built-in emulator too (client and server).
          emulate [--port N] [--rate-limits] [--api-key KEY] [--throttle RATE] [--retry-after S] [--latency-ms N] [--request-log N]
                               Run the Klaviyo emulator as a standalone server (optionally answering a share of
                               requests with 429 and Retry-After, and with added latency).
          generate-events [--count N] [--seed S] [--out FILE]
                               Write realistic sample events (samples/data/events.jsonl was made with the defaults).
          sync-list --segment ID --members FILE [--list ID] [--state PATH] [--api-key KEY] [--base-url URL] [--rate-limits]
                    [--take-over]
                               Sync a segment's membership (JSON lines: userId, email, phone, externalId) into a
                               Klaviyo list once; state in SQLite (default klaviyo-list-sync.db; a temporary file
                               on the emulator). Without a key: the emulator, with a new list when --list is omitted.
                               A killed run's lease on this machine is taken over at once; --take-over takes a
                               lease held by another run (one you know is gone).
          pull-to-segment --write-key KEY [--segment-host us|eu|URL] [--since ISO-8601] [--metrics "A,B"] [--metric-ids "X,Y"]
                          [--source-of-truth klaviyo|segment] [--only-destination-profiles] [--no-profiles]
                          [--state PATH] [--sync-name NAME] [--api-key KEY] [--base-url URL]
                               Klaviyo → Segment once: profiles (identify) and the chosen metrics' events (track) that
                               changed since the cursor in SQLite (default klaviyo-to-segment.db) go to Segment's
                               tracking API, marked so they are not routed back to Klaviyo.
        """);
    return exitCode;
}
