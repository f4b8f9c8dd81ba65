using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using System.Web;

namespace Klaviyo.Actions.Tests.Client.Support;

/// <summary>One request the client sent, as it went over the wire.</summary>
public sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[]? Body)
{
    /// <summary>The path, e.g. <c>/api/profile-import</c>.</summary>
    public string Path => Uri.AbsolutePath;

    /// <summary>The query exactly as sent (percent-encoded), without the leading <c>?</c>.</summary>
    public string RawQuery => Uri.Query.TrimStart('?');

    /// <summary>The decoded query parameters.</summary>
    public NameValueCollection Query => HttpUtility.ParseQueryString(Uri.Query);

    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body ?? throw new InvalidOperationException("The request had no body.")).RootElement;

    public override string ToString() => $"{Method} {Uri.PathAndQuery}";
}
