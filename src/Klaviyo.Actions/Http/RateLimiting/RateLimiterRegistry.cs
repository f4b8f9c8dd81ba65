using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>
/// The process-wide limiters, one per account: every client using the same API key against the same host
/// shares one, whichever way it was created. Accounts are identified by a SHA-256 of host and key, so the raw
/// key is never a dictionary key, a log value or a heap string beyond the options that hold it.
/// </summary>
/// <remarks>Partitioned by <see cref="TimeProvider"/> too, so tests with their own fake clock do not share state.</remarks>
internal static class RateLimiterRegistry
{
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<string, AccountRateLimiter>> Limiters = new();

    /// <summary>The limiter of the account behind <paramref name="apiKey"/> at <paramref name="baseAddress"/>.</summary>
    public static AccountRateLimiter Get(Uri baseAddress, string? apiKey, TimeProvider timeProvider)
    {
        var accounts = Limiters.GetValue(timeProvider, static _ => new ConcurrentDictionary<string, AccountRateLimiter>(StringComparer.Ordinal));
        return accounts.GetOrAdd(AccountId(baseAddress, apiKey), static (_, time) => new AccountRateLimiter(time), timeProvider);
    }

    /// <summary>A one-way id of host + key.</summary>
    internal static string AccountId(Uri baseAddress, string? apiKey)
    {
        string material = baseAddress.GetLeftPart(UriPartial.Authority).ToUpperInvariant() + "\n" + apiKey;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
