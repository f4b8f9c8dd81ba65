using System.Security.Cryptography;
using System.Text;

namespace Klaviyo.Actions.Http.RateLimiting;

/// <summary>
/// The one-way id of a Klaviyo account as rate limiters see it: a SHA-256 of host and API key, so the raw key is never
/// a dictionary key, a Redis key, a log value or a heap string beyond the options that hold it.
/// </summary>
internal static class KlaviyoAccountId
{
    /// <summary>The id of the account behind <paramref name="apiKey"/> at <paramref name="baseAddress"/> (64 hex digits).</summary>
    public static string For(Uri baseAddress, string? apiKey)
    {
        string material = baseAddress.GetLeftPart(UriPartial.Authority).ToUpperInvariant() + "\n" + apiKey;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
