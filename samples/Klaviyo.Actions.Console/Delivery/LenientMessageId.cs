using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// Reads a line's top-level <c>messageId</c> as far as the line is readable, so the report can name an event that
/// could not be read or was invalid: the first string <c>messageId</c> of the outer object before the JSON breaks.
/// </summary>
internal static class LenientMessageId
{
    private static readonly byte[] Name = "messageId"u8.ToArray();

    /// <summary>The <c>messageId</c>, or null when the line has none that can be read.</summary>
    public static string? Read(string? line)
    {
        if (string.IsNullOrEmpty(line) || !line.Contains("messageId", StringComparison.Ordinal))
        {
            return null;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(line);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4096, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    return null;
                }

                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                bool isMessageId = reader.ValueTextEquals(Name);
                if (!reader.Read())
                {
                    return null;
                }

                if (isMessageId && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.TrySkip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The line breaks before a readable messageId (or the messageId itself is not valid text).
        }

        return null;
    }
}
