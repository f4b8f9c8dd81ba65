using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// <c>emulate [--port N] [--rate-limits]</c>: runs the Klaviyo emulator as a standalone server until Ctrl+C, for
/// tests written in other languages.
/// </summary>
internal static class EmulateCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var options = new KlaviyoEmulatorOptions { Port = args.GetInt("port", 0) };
        options.RateLimiting.Enabled = args.Has("rate-limits");
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
}
