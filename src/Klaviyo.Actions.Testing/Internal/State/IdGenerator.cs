using System.Security.Cryptography;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// Generates Klaviyo-looking ids: 26-character ULID-style ids (profiles, events, jobs) and 6-character list ids.
/// Seeded ids repeat from run to run. Thread-safe.
/// </summary>
internal sealed class IdGenerator
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly object _gate = new();
    private readonly Random _random;

    public IdGenerator(int? seed)
    {
#pragma warning disable CA5394 // Ids of a test double: repeatable when seeded, never secrets.
        _random = seed is { } value ? new Random(value) : new Random();
    }

    /// <summary>A fake private API key: <c>pk_</c> and 34 letters or digits, from a cryptographic source.</summary>
    public static string NewApiKey() => "pk_" + RandomNumberGenerator.GetString(Alphanumerics, 34);

    public string Ulid(DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[26];
        long milliseconds = Math.Max(0, now.ToUnixTimeMilliseconds());
        for (int i = 9; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(milliseconds & 31)];
            milliseconds >>= 5;
        }

        lock (_gate)
        {
            for (int i = 10; i < 26; i++)
            {
                chars[i] = Crockford[_random.Next(32)];
            }
        }

        return new string(chars);
    }

    public string Alphanumeric(int length)
    {
        Span<char> chars = stackalloc char[length];
        lock (_gate)
        {
            for (int i = 0; i < length; i++)
            {
                chars[i] = Alphanumerics[_random.Next(Alphanumerics.Length)];
            }
        }

        return new string(chars);
    }
#pragma warning restore CA5394
}
