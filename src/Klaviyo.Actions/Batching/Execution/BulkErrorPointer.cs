namespace Klaviyo.Actions.Batching;

/// <summary>
/// Reads the row (and, for merged event rows, the event) a Klaviyo error points at:
/// <c>/data/attributes/profiles/data/3/attributes/email</c> → row 3,
/// <c>/data/attributes/events-bulk-create/data/1/attributes/events/data/2/attributes/time</c> → row 1 event 2,
/// <c>/data/attributes/profiles/data/4</c> (subscription jobs) → row 4, <c>/data/7</c> (list relationships) → row 7.
/// <c>/data</c> or <c>/data/relationships/…</c> point at the request, not a row.
/// </summary>
internal static class BulkErrorPointer
{
    /// <summary>Parses a pointer for an endpoint.</summary>
    /// <param name="pointer">The error's <c>source.pointer</c>.</param>
    /// <param name="endpoint">The endpoint's pointer layout.</param>
    /// <param name="row">The row index.</param>
    /// <param name="part">The part index inside a merged row, or -1 when the pointer names the whole row.</param>
    /// <returns>Whether the pointer names a row.</returns>
    public static bool TryParse(string? pointer, BulkEndpointDescriptor endpoint, out int row, out int part)
    {
        row = -1;
        part = -1;
        if (pointer is null || !pointer.StartsWith(endpoint.RowPointerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = pointer.AsSpan(endpoint.RowPointerPrefix.Length);
        if (!TryReadIndex(ref rest, out row))
        {
            return false;
        }

        if (endpoint.NestedPartPointer is { } nested && rest.StartsWith(nested, StringComparison.Ordinal))
        {
            var inner = rest[nested.Length..];
            if (TryReadIndex(ref inner, out int partIndex))
            {
                part = partIndex;
            }
        }

        return true;
    }

    /// <summary>Reads leading digits followed by <c>/</c> or the end.</summary>
    private static bool TryReadIndex(ref ReadOnlySpan<char> text, out int index)
    {
        index = 0;
        int length = 0;
        while (length < text.Length && char.IsAsciiDigit(text[length]))
        {
            if (length >= 9)
            {
                return false;
            }

            index = (index * 10) + (text[length] - '0');
            length++;
        }

        if (length == 0 || (length < text.Length && text[length] != '/'))
        {
            return false;
        }

        text = text[length..];
        return true;
    }
}
