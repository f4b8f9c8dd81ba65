namespace Klaviyo.Actions.Batching;

/// <summary>
/// A merge or conflict key of a measured bulk part (<see cref="BulkPartMeasure"/>) that is not a copy of what it
/// keys: UTF-8 bytes the part already holds (a serialized profile), a string, or an object that carries its own key
/// identity (<see cref="IBulkKeyValue"/>, e.g. <see cref="BulkEventWire"/>). The hash is computed once. Keys of
/// different kinds are never equal.
/// </summary>
internal readonly struct BulkKey : IEquatable<BulkKey>
{
    private readonly object? _value;
    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly int _hash;

    private BulkKey(object? value, ReadOnlyMemory<byte> utf8, int hash)
    {
        _value = value;
        _utf8 = utf8;
        _hash = hash;
    }

    /// <summary>A key over UTF-8 bytes, compared byte by byte. The bytes must not change while the key is used.</summary>
    /// <param name="utf8">The bytes (not copied).</param>
    public static BulkKey OfUtf8(ReadOnlyMemory<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8.Span);
        return new BulkKey(null, utf8, hash.ToHashCode());
    }

    /// <summary>A key over a string, compared ordinally.</summary>
    /// <param name="text">The text.</param>
    public static BulkKey Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new BulkKey(text, default, StringComparer.Ordinal.GetHashCode(text));
    }

    /// <summary>A key over an object's key identity (<see cref="IBulkKeyValue.KeyEquals"/>).</summary>
    /// <param name="value">The object (its identity must not change while the key is used).</param>
    public static BulkKey Of(IBulkKeyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new BulkKey(value, default, value.KeyHash);
    }

    /// <summary>A string key (<see cref="Of(string)"/>); <see langword="null"/> stays no key.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator BulkKey?(string? text) => text is null ? null : Of(text);

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

        if (_value is null || other._value is null)
        {
            return _value is null && other._value is null && _utf8.Span.SequenceEqual(other._utf8.Span);
        }

        return _value switch
        {
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
        null => $"BulkKey(utf8, {_utf8.Length} B)",
        string text => $"BulkKey(text, {text.Length} chars)",
        _ => $"BulkKey({_value.GetType().Name})",
    };
}
