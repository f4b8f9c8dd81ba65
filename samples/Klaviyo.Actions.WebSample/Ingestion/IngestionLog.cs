namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>The web sample's log messages. Message ids, mapping names, fields, rules and statuses only: no personal data.</summary>
internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Warning, "Message {MessageId} is not a readable Segment event ({Reason}); counted as unreadable, nothing sent")]
    public static partial void Unreadable(ILogger logger, string? messageId, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Message {MessageId} is invalid for mapping '{Mapping}' ({Action}): {Reason}; nothing sent")]
    public static partial void Invalid(ILogger logger, string? messageId, string mapping, string action, string reason);

    [LoggerMessage(3, LogLevel.Error, "Message {MessageId} failed for mapping '{Mapping}' ({Action}): {Reason}")]
    public static partial void Failed(ILogger logger, string? messageId, string mapping, string action, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Message {MessageId} sent for mapping '{Mapping}' ({Action})")]
    public static partial void Sent(ILogger logger, string? messageId, string mapping, string action);

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
}
