using System.Text.Json;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Benchmarks.Support;

/// <summary>
/// What a mapped event's payload owns in memory, the part of the allocations issue 8's "≤ 1 KB beyond the payload's own
/// strings" excludes: every string value it carries to Klaviyo (and every custom-property key) as a .NET string, read
/// out of the event JSON into the typed request, plus the serialized UTF-8 wire bytes themselves. Counted from the
/// fragments actually serialized, with x64 object sizes (string: 22 + 2 × length bytes; byte[]: 24 + length; both
/// rounded up to 8). Everything else a benchmark allocates per event is overhead.
/// </summary>
internal static class PayloadAccounting
{
    /// <summary>The bytes the payload owns in <paramref name="fragments"/>.</summary>
    public static long OwnedBytes(IEnumerable<JsonFragment> fragments)
    {
        long total = 0;
        foreach (var fragment in fragments)
        {
            total += ArrayBytes(fragment.Length);
            total += StringBytesIn(fragment.Utf8Json.Span);
        }

        return total;
    }

    /// <summary>The size of a <see cref="string"/> of <paramref name="length"/> characters.</summary>
    public static long StringBytes(int length) => RoundUp(22 + (2L * length));

    /// <summary>The size of a <see cref="byte"/> array of <paramref name="length"/> elements.</summary>
    public static long ArrayBytes(int length) => RoundUp(24L + length);

    private static long StringBytesIn(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        long total = 0;
        int customDepth = -1;
        bool nextIsCustom = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (customDepth >= 0 && reader.CurrentDepth > customDepth)
                    {
                        total += StringBytes(reader.GetString()!.Length);
                    }

                    nextIsCustom = customDepth < 0 && reader.ValueTextEquals("properties"u8);
                    break;
                case JsonTokenType.StartObject:
                    if (nextIsCustom)
                    {
                        customDepth = reader.CurrentDepth;
                        nextIsCustom = false;
                    }

                    break;
                case JsonTokenType.EndObject:
                    if (reader.CurrentDepth == customDepth)
                    {
                        customDepth = -1;
                    }

                    break;
                case JsonTokenType.String:
                    total += StringBytes(reader.GetString()!.Length);
                    nextIsCustom = false;
                    break;
                default:
                    nextIsCustom = false;
                    break;
            }
        }

        return total;
    }

    private static long RoundUp(long bytes) => (bytes + 7) & ~7L;
}
