using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// The shared part of the read-only property views built for product events: keys, values, the indexer and
/// <see cref="ContainsKey"/> follow from the view's own <see cref="TryGetValue"/> and enumeration.
/// </summary>
internal abstract class ReadOnlyPropertiesView : IReadOnlyDictionary<string, object?>
{
    /// <inheritdoc />
    public abstract int Count { get; }

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var (key, _) in this)
            {
                yield return key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<object?> Values
    {
        get
        {
            foreach (var (_, value) in this)
            {
                yield return value;
            }
        }
    }

    /// <summary>What the view holds, for the missing-key message (e.g. "the product's properties").</summary>
    protected abstract string Description { get; }

    /// <inheritdoc />
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The key '{key}' is not in {Description}.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public abstract bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value);

    /// <inheritdoc />
    public abstract IEnumerator<KeyValuePair<string, object?>> GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
