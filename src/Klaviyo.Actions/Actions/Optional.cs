using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Klaviyo.Actions;

/// <summary>
/// A value that may be absent. Klaviyo treats an absent attribute ("leave unchanged") differently
/// from an explicit <see langword="null"/> ("clear the field"), so profile attributes use this type
/// to keep the two apart.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <remarks>
/// Assigning a value (including <see langword="null"/>) makes it present:
/// <c>FirstName = "Jane"</c> sends <c>"first_name":"Jane"</c>, <c>FirstName = null</c> sends
/// <c>"first_name":null</c> (clears it), and leaving the property unset sends nothing.
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[SuppressMessage("Naming", "CA1716", Justification = "Optional is the established name for absent-vs-null values.")]
[SuppressMessage("Design", "CA1000", Justification = "Absent and FromValue are the natural factory members.")]
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    /// <summary>Creates a present value.</summary>
    /// <param name="value">The value; <see langword="null"/> is a present null.</param>
    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>An absent value.</summary>
    public static Optional<T> Absent => default;

    /// <summary>Whether a value (possibly <see langword="null"/>) was given.</summary>
    public bool HasValue { get; }

    /// <summary>The value; <see langword="default"/> when absent.</summary>
    public T Value => _value;

    /// <summary>Returns the value when present, otherwise <paramref name="fallback"/>.</summary>
    /// <param name="fallback">The value to use when absent.</param>
    public T GetValueOrDefault(T fallback) => HasValue ? _value : fallback;

    /// <summary>Makes a present value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <summary>Makes a present value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The optional.</returns>
    public static Optional<T> FromValue(T value) => new(value);

    /// <inheritdoc />
    public bool Equals(Optional<T> other) =>
        HasValue == other.HasValue && EqualityComparer<T>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HasValue ? HashCode.Combine(true, _value) : 0;

    /// <summary>Compares two optionals.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    /// <summary>Compares two optionals.</summary>
    /// <param name="left">Left.</param>
    /// <param name="right">Right.</param>
    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => HasValue ? (_value?.ToString() ?? "null") : "<absent>";
}
