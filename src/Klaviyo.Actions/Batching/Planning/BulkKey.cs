using System.Runtime.InteropServices;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// A merge or conflict key of a measured bulk part (<see cref="BulkPartMeasure"/>) that is not a copy of what it
/// keys: UTF-8 bytes the part already holds (a serialized profile), a string, or an object that carries its own key
/// identity (<see cref="IBulkKeyValue"/>, e.g. <see cref="BulkEventWire"/>). One reference and a precomputed hash
/// (16 bytes), so the planner's and queue's sets stay small. <see langword="default"/> is no key
/// (<see cref="IsNone"/>). Keys of different kinds are never equal.
/// </summary>
internal readonly struct BulkKey : IEquatable<BulkKey>
{
    /// <summary>A <c>byte[]</c> (UTF-8, compared byte by byte), a <see cref="string"/> or an <see cref="IBulkKeyValue"/>; <see langword="null"/> for no key.</summary>
    private readonly object? _value;
    private readonly int _hash;

    private BulkKey(object value, int hash)
    {
        _value = value;
        _hash = hash;
    }

    /// <summary>No key.</summary>
    public static BulkKey None => default;

    /// <summary>Whether this is no key.</summary>
    public bool IsNone => _value is null;

    /// <summary>A key over UTF-8 bytes, compared byte by byte. The bytes must not change while the key is used.</summary>
    /// <param name="utf8">The bytes (not copied when they are a whole array).</param>
    public static BulkKey OfUtf8(ReadOnlyMemory<byte> utf8)
    {
        byte[] bytes = MemoryMarshal.TryGetArray(utf8, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : utf8.ToArray();
        var hash = default(HashCode);
        hash.AddBytes(bytes);
        return new BulkKey(bytes, hash.ToHashCode());
    }

    /// <summary>A key over a string, compared ordinally.</summary>
    /// <param name="text">The text.</param>
    public static BulkKey Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new BulkKey(text, StringComparer.Ordinal.GetHashCode(text));
    }

    /// <summary>A key over an object's key identity (<see cref="IBulkKeyValue.KeyEquals"/>).</summary>
    /// <param name="value">The object (its identity must not change while the key is used).</param>
    public static BulkKey Of(IBulkKeyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new BulkKey(value, value.KeyHash);
    }

    /// <summary>A string key (<see cref="Of(string)"/>); <see langword="null"/> is no key.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator BulkKey(string? text) => text is null ? None : Of(text);

    /// <summary>Whether two keys are equal.</summary>
    public static bool operator ==(BulkKey left, BulkKey right) => left.Equals(right);

    /// <summary>Whether two keys differ.</summary>
    public static bool operator !=(BulkKey left, BulkKey right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(BulkKey other)
    {
        if (_hash != other._hash)
        {
            return false;
        }

        return _value switch
        {
            null => other._value is null,
            byte[] bytes => other._value is byte[] otherBytes && bytes.AsSpan().SequenceEqual(otherBytes),
            string text => other._value is string otherText && string.Equals(text, otherText, StringComparison.Ordinal),
            IBulkKeyValue value => other._value is IBulkKeyValue otherValue && value.KeyEquals(otherValue),
            _ => false,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BulkKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>Describes the key's kind and size only: keys are built from personal data (emails, phone numbers).</summary>
    public override string ToString() => _value switch
    {
        null => "BulkKey(none)",
        byte[] bytes => $"BulkKey(utf8, {bytes.Length} B)",
        string text => $"BulkKey(text, {text.Length} chars)",
        _ => $"BulkKey({_value.GetType().Name})",
    };
}
