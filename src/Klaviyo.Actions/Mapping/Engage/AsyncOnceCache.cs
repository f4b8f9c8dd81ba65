using System.Collections.Concurrent;

namespace Klaviyo.Actions.Mapping.Engage;

/// <summary>
/// Runs an asynchronous look-up at most once per key, even when many callers ask at the same time. A failed
/// look-up is forgotten so a later caller tries again; one caller's cancellation does not cancel the shared work.
/// </summary>
internal sealed class AsyncOnceCache<TValue>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TValue>>> _entries = new(StringComparer.Ordinal);

    /// <summary>Returns the cached value, running <paramref name="factory"/> for the first caller.</summary>
    public async Task<TValue> GetOrRunAsync(string key, Func<Task<TValue>> factory, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<TValue>>(factory, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested || entry.Value.IsFaulted)
        {
            if (entry.Value.IsFaulted || entry.Value.IsCanceled)
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<TValue>>>(key, entry));
            }

            throw;
        }
    }

    /// <summary>A value already computed for the key, if any (never starts work).</summary>
    public bool TryGetCompleted(string key, out TValue? value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
        {
            value = entry.Value.Result;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Stores a value computed elsewhere (first one wins).</summary>
    public void Set(string key, TValue value) => _entries.TryAdd(key, new Lazy<Task<TValue>>(Task.FromResult(value)));
}
