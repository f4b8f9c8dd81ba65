using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.WebSample.Auth;

/// <summary>
/// Checks a Segment write key the way Segment's tracking API takes it: HTTP Basic auth with the write key as the
/// user name and an empty password, or (without an Authorization header) a <c>writeKey</c> field in the body.
/// </summary>
internal sealed class WriteKeyAuthenticator
{
    private readonly byte[][] _keys;

    public WriteKeyAuthenticator(IOptions<WebSampleOptions> options)
    {
        _keys = [.. options.Value.WriteKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>Whether any write key is configured (none means every call is refused).</summary>
    public bool HasKeys => _keys.Length > 0;

    /// <summary>Whether the write key is one of the configured keys (compared in constant time).</summary>
    public bool IsValid(string? writeKey)
    {
        if (string.IsNullOrEmpty(writeKey))
        {
            return false;
        }

        byte[] candidate = Encoding.UTF8.GetBytes(writeKey);
        bool match = false;
        foreach (byte[] key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidate, key);
        }

        return match;
    }
}
