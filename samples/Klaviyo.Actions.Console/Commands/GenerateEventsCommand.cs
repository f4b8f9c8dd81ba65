using Klaviyo.Actions.ConsoleApp.Generation;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary><c>generate-events [--count N] [--seed S] [--out FILE]</c>: writes sample Segment events as JSON lines.</summary>
internal static class GenerateEventsCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        int count = args.GetInt("count", 3000);
        int seed = args.GetInt("seed", 42);
        var generator = new SampleEventGenerator(seed, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        string? path = args.Get("out");
        if (path is null)
        {
            await generator.WriteAsync(Console.Out, count, cancellationToken);
            return 0;
        }

        await using var writer = new StreamWriter(path) { NewLine = "\n" };
        await generator.WriteAsync(writer, count, cancellationToken);
        await Console.Error.WriteLineAsync($"Wrote {count} events to {path}.");
        return 0;
    }
}
