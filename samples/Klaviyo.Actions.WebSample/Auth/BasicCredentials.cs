using System.Net.Http.Headers;
using System.Text;

namespace Klaviyo.Actions.WebSample.Auth;

/// <summary>Reads the user name (the write key) out of an <c>Authorization: Basic ...</c> header.</summary>
internal static class BasicCredentials
{
    /// <summary>The user name, or null when the header is not readable Basic credentials.</summary>
    public static string? ReadUserName(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization) ||
            !AuthenticationHeaderValue.TryParse(authorization, out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) ||
            header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        // Segment asks for "key:" but still takes a bare key without the colon.
        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? decoded : decoded[..colon];
    }
}
