using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>emulate [--port N] [--rate-limits] [--api-key KEY] [--throttle RATE] [--retry-after S] [--latency-ms N] [--request-log N]</c>:
/// runs the Klaviyo emulator as a standalone server until Ctrl+C, for tests written in other languages and for
/// trying an app under Klaviyo's bad days (a share of requests answered 429 with Retry-After, added latency).
/// </summary>
internal static class EmulateCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var options = new KlaviyoEmulatorOptions { Port = args.GetInt("port", 0), RequestLogCapacity = args.GetInt("request-log", 1000) };
        options.RateLimiting.Enabled = args.Has("rate-limits");
        if (args.Get("api-key") is { Length: > 0 } key)
        {
            options.ValidApiKeys.Add(key);
        }

        options.Faults.ThrottleRate = Fraction(args.Get("throttle"));
        options.Faults.RetryAfter = TimeSpan.FromSeconds(args.GetInt("retry-after", 1));
        options.Faults.Latency = TimeSpan.FromMilliseconds(args.GetInt("latency-ms", 0));
        await using var emulator = await KlaviyoEmulator.StartAsync(options, cancellationToken);

        Console.WriteLine($"Klaviyo emulator listening on {emulator.BaseAddress}");
        Console.WriteLine($"API key:   {emulator.ApiKey}");
        Console.WriteLine($"Revision:  {emulator.Revision}");
        Console.WriteLine($"Inspect:   {emulator.BaseAddress}__emulator/profiles   Reset: POST {emulator.BaseAddress}__emulator/reset");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static double Fraction(string? text) =>
        text is null ? 0
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double rate) && rate is >= 0 and <= 1 ? rate
        : throw new UsageException("--throttle takes a share of requests between 0 and 1, e.g. 0.3.");
}
