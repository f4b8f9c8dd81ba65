using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// A JSON value serialized once and embedded verbatim into a larger document. Bulk documents are built
/// from fragments so a batch can measure each profile or event (<see cref="Length"/>) before choosing
/// what goes into a request, without serializing it a second time. A struct over the bytes: holding a fragment
/// costs no object of its own. Two fragments are equal when their bytes are.
/// </summary>
[JsonConverter(typeof(JsonFragmentConverter))]
internal readonly struct JsonFragment : IEquatable<JsonFragment>
{
    /// <summary>Wraps UTF-8 JSON produced by <see cref="KlaviyoWire"/>; it is written without re-validation.</summary>
    /// <param name="utf8Json">One complete JSON value.</param>
    public JsonFragment(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        if (utf8Json.Length == 0)
        {
            throw new ArgumentException("A JSON fragment cannot be empty.", nameof(utf8Json));
        }

        Utf8Json = utf8Json;
    }

    /// <summary>The UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The size in bytes this value adds to a request.</summary>
    public int Length => Utf8Json.Length;

    /// <summary>Whether two fragments hold the same bytes.</summary>
    public static bool operator ==(JsonFragment left, JsonFragment right) => left.Equals(right);

    /// <summary>Whether two fragments hold different bytes.</summary>
    public static bool operator !=(JsonFragment left, JsonFragment right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(JsonFragment other) => Utf8Json.Span.SequenceEqual(other.Utf8Json.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonFragment other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(Utf8Json.Span);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8Json.Span);
}
