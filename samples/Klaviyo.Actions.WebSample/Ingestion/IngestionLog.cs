namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>The web sample's log messages. Message ids, mapping names, fields, rules and statuses only: no personal data.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Warning, "Message {MessageId} is not a readable Segment event ({Reason}); counted as unreadable, nothing sent")]
    public static partial void Unreadable(ILogger logger, string? messageId, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Message {MessageId}: {Outcomes}")]
    public static partial void MessageInvalid(ILogger logger, string? messageId, string outcomes);

    [LoggerMessage(3, LogLevel.Error, "Message {MessageId}: {Outcomes}")]
    public static partial void MessageFailed(ILogger logger, string? messageId, string outcomes);

    [LoggerMessage(5, LogLevel.Information, "Refused a tracking call to {Path}: {Code}")]
    public static partial void Refused(ILogger logger, string path, string code);

    [LoggerMessage(6, LogLevel.Information, "Draining {Pending} accepted messages before stopping")]
    public static partial void Draining(ILogger logger, long pending);

    [LoggerMessage(7, LogLevel.Warning, "No Klaviyo API key configured (Klaviyo:ApiKey or KLAVIYO_API_KEY): sending to the built-in Klaviyo emulator at {BaseAddress}; inspect it at {BaseAddress}__emulator/")]
    public static partial void EmulatorStarted(ILogger logger, Uri baseAddress);

    [LoggerMessage(8, LogLevel.Warning, "No write keys configured (WebSample:WriteKeys): every tracking call will be refused with 401")]
    public static partial void NoWriteKeys(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Routing with {Count} mappings from {Source}")]
    public static partial void Mappings(ILogger logger, int count, string source);

    [LoggerMessage(10, LogLevel.Warning, "Mappings: {Warning}")]
    public static partial void MappingWarning(ILogger logger, string warning);

    [LoggerMessage(11, LogLevel.Error, "Message {MessageId} could not be routed")]
    public static partial void Crashed(ILogger logger, string? messageId, Exception exception);

    [LoggerMessage(12, LogLevel.Information, "Delivery drained: {Accepted} accepted, {Failed} failed, of which {NotDelivered} not delivered before shutdown")]
    public static partial void Drained(ILogger logger, int accepted, int failed, int notDelivered);

    [LoggerMessage(13, LogLevel.Error, "The host stopped waiting before {Pending} accepted messages had their outcome")]
    public static partial void StoppedEarly(ILogger logger, long pending);

    [LoggerMessage(14, LogLevel.Debug, "Message {MessageId}: {Outcomes}")]
    public static partial void Delivered(ILogger logger, string? messageId, string outcomes);
}
