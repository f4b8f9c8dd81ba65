namespace Klaviyo.Actions.Testing;

/// <summary>One request the emulator received on a Klaviyo path, with its answer.</summary>
public sealed record EmulatedRequest
{
    /// <summary>Arrival order, starting at 1.</summary>
    public long Sequence { get; init; }

    /// <summary>When it arrived (emulator clock).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Path, for example <c>/api/events</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Query string including the leading <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>Klaviyo's operation name (for example <c>create_event</c>), or <see langword="null"/> for unknown paths.</summary>
    public string? Operation { get; init; }

    /// <summary>Response status; 0 when the connection was dropped.</summary>
    public int StatusCode { get; init; }

    /// <summary>
    /// Request headers. <c>Authorization</c> is reduced to its scheme and the key's last four characters.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Request body as UTF-8 text, cut at <see cref="KlaviyoEmulatorOptions.RequestLogBodyLimit"/>; <see langword="null"/> when empty.</summary>
    public string? Body { get; init; }

    /// <summary>Length of the whole request body in bytes.</summary>
    public long BodyLength { get; init; }

    /// <summary>Response body as UTF-8 text, cut like <see cref="Body"/>; <see langword="null"/> when empty.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The injected fault, if one answered the request.</summary>
    public EmulatorFaultKind? Fault { get; init; }
}
