namespace Klaviyo.Actions.Testing;

/// <summary>A failure the emulator can inject instead of answering a Klaviyo request normally.</summary>
public enum EmulatorFaultKind
{
    /// <summary><c>429</c> with <c>Retry-After</c> and Klaviyo's <c>throttled</c> error body.</summary>
    Throttle,

    /// <summary>
    /// A server error (default <c>503</c>). <c>500</c> and <c>503</c> carry a JSON:API error body; other codes
    /// (<c>502</c>, <c>504</c>, <c>52x</c>) carry an HTML gateway page as Cloudflare sends them.
    /// </summary>
    ServerError,

    /// <summary>The connection is aborted without a response.</summary>
    DropConnection,

    /// <summary>An HTML error page (default <c>403</c>, Cloudflare-like, with <c>cf-mitigated: challenge</c>).</summary>
    HtmlError,
}
