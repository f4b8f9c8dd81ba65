using System.CommandLine;
using Klaviyo.Actions.ConsoleApp.Cli;
using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>emulate [--port N] [--rate-limits] [--api-key KEY] [--throttle RATE] [--retry-after S] [--latency-ms N] [--request-log N]</c>:
/// runs the Klaviyo emulator as a standalone server until Ctrl+C, for tests written in other languages and for
/// trying an app under Klaviyo's bad days (a share of requests answered 429 with Retry-After, added latency).
/// Its first lines ("Klaviyo emulator listening on URL", "API key: KEY") are read by scripts: keep them as they are.
/// </summary>
internal sealed class EmulateCommand : Command
{
    private readonly Option<int> _port = new Option<int>("--port")
    {
        Description = "Loopback port to listen on (0: a free one, printed at start).",
        HelpName = "N",
    }.InRange(0, 65535, "must be a port number between 0 and 65535");

    private readonly Option<bool> _rateLimits = new("--rate-limits") { Description = "Apply Klaviyo's per-endpoint rate limits (429 with Retry-After)." };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = "The API key the emulator accepts (default: a generated fake key, printed at start).",
        HelpName = "KEY",
    };

    private readonly Option<double> _throttle = new Option<double>("--throttle")
    {
        Description = "Share of requests answered 429 with Retry-After, between 0 and 1 (e.g. 0.3).",
        HelpName = "RATE",
    }.InRange(0, 1, "takes a share of requests between 0 and 1, e.g. 0.3");

    private readonly Option<int> _retryAfter = new Option<int>("--retry-after")
    {
        Description = "The Retry-After of throttled answers, in seconds.",
        DefaultValueFactory = _ => 1,
        HelpName = "S",
    }.InRange(0, 3600, "must be between 0 and 3600 seconds");

    private readonly Option<int> _latencyMs = new Option<int>("--latency-ms")
    {
        Description = "Added latency per request, in milliseconds.",
        HelpName = "N",
    }.InRange(0, 600_000, "must be between 0 and 600000 milliseconds");

    private readonly Option<int> _requestLog = new Option<int>("--request-log")
    {
        Description = "How many requests the emulator's request log keeps (for inspection of a whole run).",
        DefaultValueFactory = _ => 1000,
        HelpName = "N",
    }.InRange(1, 10_000_000, "must be between 1 and 10000000 requests");

    public EmulateCommand()
        : base("emulate", "Run the Klaviyo emulator as a standalone server until Ctrl+C (optionally throttling a share of requests, with added latency).")
    {
        Add(_port);
        Add(_rateLimits);
        Add(_apiKey);
        Add(_throttle);
        Add(_retryAfter);
        Add(_latencyMs);
        Add(_requestLog);
        SetAction((parse, cancellationToken) => RunAsync(ReadOptions(parse), parse.InvocationConfiguration.Output, cancellationToken));
    }

    /// <summary>The emulator's options from the command line.</summary>
    internal KlaviyoEmulatorOptions ReadOptions(ParseResult parse)
    {
        var options = new KlaviyoEmulatorOptions { Port = parse.GetValue(_port), RequestLogCapacity = parse.GetValue(_requestLog) };
        options.RateLimiting.Enabled = parse.GetValue(_rateLimits);
        if (parse.GetValue(_apiKey) is { Length: > 0 } key)
        {
            options.ValidApiKeys.Add(key);
        }

        options.Faults.ThrottleRate = parse.GetValue(_throttle);
        options.Faults.RetryAfter = TimeSpan.FromSeconds(parse.GetValue(_retryAfter));
        options.Faults.Latency = TimeSpan.FromMilliseconds(parse.GetValue(_latencyMs));
        return options;
    }

    private static async Task<int> RunAsync(KlaviyoEmulatorOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var emulator = await KlaviyoEmulator.StartAsync(options, cancellationToken);

        await output.WriteLineAsync($"Klaviyo emulator listening on {emulator.BaseAddress}");
        await output.WriteLineAsync($"API key:   {emulator.ApiKey}");
        await output.WriteLineAsync($"Revision:  {emulator.Revision}");
        await output.WriteLineAsync($"Inspect:   {emulator.BaseAddress}__emulator/profiles   Reset: POST {emulator.BaseAddress}__emulator/reset");
        await output.WriteLineAsync("Press Ctrl+C to stop.");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return ExitCodes.Ok;
    }
}
