using System.CommandLine;
using Klaviyo.Actions.ConsoleApp.Cli;
using Klaviyo.Actions.ConsoleApp.Generation;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary><c>generate-events [--count N] [--seed S] [--out FILE]</c>: writes sample Segment events as JSON lines.</summary>
internal sealed class GenerateEventsCommand : Command
{
    private readonly Option<int> _count = new Option<int>("--count")
    {
        Description = "How many events.",
        DefaultValueFactory = _ => 3000,
        HelpName = "N",
    }.InRange(0, int.MaxValue, "must be 0 or more");

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Random seed: the same seed writes the same events.",
        DefaultValueFactory = _ => 42,
        HelpName = "S",
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write to this file instead of standard output.",
        HelpName = "FILE",
    };

    public GenerateEventsCommand()
        : base("generate-events", "Write realistic sample events as JSON lines (samples/data/events.jsonl was made with the defaults).")
    {
        Add(_count);
        Add(_seed);
        Add(_out);
        SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(_count), parse.GetValue(_seed), parse.GetValue(_out), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
    }

    private static async Task<int> RunAsync(int count, int seed, string? path, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var generator = new SampleEventGenerator(seed, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        if (path is null)
        {
            await generator.WriteAsync(output, count, cancellationToken);
            return ExitCodes.Ok;
        }

        await using var writer = new StreamWriter(path) { NewLine = "\n" };
        await generator.WriteAsync(writer, count, cancellationToken);
        await error.WriteLineAsync($"Wrote {count} events to {path}.");
        return ExitCodes.Ok;
    }
}
