using Klaviyo.Actions.ConsoleApp.Generation;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>The generated input: mixed Segment events as JSON lines, written once and read back before timing.</summary>
internal static class EventFile
{
    /// <summary>Writes <paramref name="count"/> events with the console sample's generator (same seed, same file).</summary>
    public static async Task WriteAsync(string path, int count, int seed, CancellationToken cancellationToken)
    {
        var generator = new SampleEventGenerator(seed, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        await using var writer = new StreamWriter(path) { NewLine = "\n" };
        await generator.WriteAsync(writer, count, cancellationToken);
    }

    /// <summary>Reads every non-blank line.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
