namespace Klaviyo.Actions.Batching;

/// <summary>
/// An object that is itself a <see cref="BulkKey"/> (<see cref="BulkKey.Of(IBulkKeyValue)"/>) by an identity of its
/// own, separate from its <see cref="object.Equals(object)"/>: a part's wire form can be its conflict key without a
/// second object.
/// </summary>
internal interface IBulkKeyValue
{
    /// <summary>The hash of the key identity (stable while the key is used).</summary>
    int KeyHash { get; }

    /// <summary>Whether <paramref name="other"/> has the same key identity.</summary>
    /// <param name="other">Another key value.</param>
    bool KeyEquals(IBulkKeyValue other);
}
