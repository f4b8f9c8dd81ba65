using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Operations;

/// <summary>
/// Log messages of <see cref="KlaviyoClient"/> operations (event ids 100–199). Never logs emails, phone numbers
/// or the API key; Klaviyo profile and list ids are not personal data.
/// </summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 101, EventName = "DuplicateProfileResolved", Level = LogLevel.Debug,
        Message = "profile-import answered 409 duplicate_profile; updated profile {ProfileId} instead")]
    public static partial void DuplicateProfileResolved(ILogger logger, string profileId);

    [LoggerMessage(EventId = 102, EventName = "NoProfilesMatched", Level = LogLevel.Debug,
        Message = "No profile matched the identifiers; nothing removed from list {ListId}")]
    public static partial void NoProfilesMatched(ILogger logger, string listId);

    [LoggerMessage(EventId = 103, EventName = "ProfilesRemovedFromList", Level = LogLevel.Debug,
        Message = "Removed {Count} profiles from list {ListId}")]
    public static partial void ProfilesRemovedFromList(ILogger logger, int count, string listId);

    [LoggerMessage(EventId = 104, EventName = "OrderEventsSent", Level = LogLevel.Debug,
        Message = "Sent order event and {ProductCount} product events")]
    public static partial void OrderEventsSent(ILogger logger, int productCount);
}
