using System.Runtime.CompilerServices;
using System.Text.Json;
using Klaviyo.Actions.Sync;

namespace Klaviyo.Actions.ConsoleApp.ListSync;

/// <summary>
/// Reads a segment's membership from JSON lines: <c>{"userId":"…","email":"…","phone":"…","externalId":"…"}</c>, one
/// member per line (blank lines skipped). A bad line stops the read: a partial membership would remove members.
/// </summary>
internal static class MemberFileReader
{
    public static async IAsyncEnumerable<SegmentMember> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, path, lineNumber);
            }
        }
    }

    internal static SegmentMember Parse(string line, string path, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MemberFileException(path, lineNumber, "a member is a JSON object");
            }

            string userId = Text(root, "userId", path, lineNumber)
                ?? throw new MemberFileException(path, lineNumber, "\"userId\" is required");
            return new SegmentMember(
                userId,
                Text(root, "email", path, lineNumber),
                Text(root, "phone", path, lineNumber),
                Text(root, "externalId", path, lineNumber));
        }
        catch (JsonException ex)
        {
            throw new MemberFileException(path, lineNumber, $"not valid JSON (at byte {ex.BytePositionInLine})");
        }
        catch (ArgumentException ex)
        {
            throw new MemberFileException(path, lineNumber, ex.Message);
        }
    }

    private static string? Text(JsonElement member, string name, string path, int lineNumber) =>
        !member.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : throw new MemberFileException(path, lineNumber, $"\"{name}\" must be a string");
}

/// <summary>A line of the members file that is not a member; the message names the file, line and rule (never the line's content).</summary>
internal sealed class MemberFileException(string path, int lineNumber, string problem)
    : Exception($"{path}, line {lineNumber}: {problem}. Nothing was synced.");
