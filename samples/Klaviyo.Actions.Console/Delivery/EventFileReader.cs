using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>Reads Segment events from a file or standard input: JSON lines, or one JSON array.</summary>
internal static class EventFileReader
{
    /// <summary>Yields each event's JSON text (blank lines skipped; a malformed line is yielded as is, to be reported).</summary>
    public static async IAsyncEnumerable<string?> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
        int first = SkipWhitespace(reader);
        if (first == '[')
        {
            using var document = await JsonDocument.ParseAsync(reader.BaseStream, default, cancellationToken);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                yield return element.GetRawText();
            }

            yield break;
        }

        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }

    /// <summary>Counts the lines of a JSON-lines file (for the progress bar); null for stdin or arrays.</summary>
    public static long? CountEvents(string path)
    {
        if (path == "-")
        {
            return null;
        }

        using var reader = new StreamReader(path);
        if (SkipWhitespace(reader) == '[')
        {
            return null;
        }

        long count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                count++;
            }
        }

        return count;
    }

    private static int SkipWhitespace(StreamReader reader)
    {
        while (reader.Peek() is var c && c >= 0 && char.IsWhiteSpace((char)c))
        {
            reader.Read();
        }

        return reader.Peek();
    }
}
