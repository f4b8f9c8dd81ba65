using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Sync;

namespace Klaviyo.Actions.WebSample.ListSync;

/// <summary>
/// When list sync is configured (<c>ListSync:StatePath</c>: the SQLite sync-state file the list-sync job uses), feeds
/// the accepted tracking calls to <see cref="KlaviyoListSync.LinkIdentitiesAsync"/>: an identify call (or a track
/// called <c>context_identified</c>) whose user id is not an email and that carries an email links the two, so the
/// next list sync gives that member's Klaviyo profile the email (the connector document's <c>context_identified</c>
/// linking) without glue code in the app.
/// </summary>
/// <remarks>
/// Links are stored before the call is answered (one small write per linked user id; calls without identify events
/// cost nothing). A failure to store them is logged without personal data and never fails the tracking call.
/// </remarks>
internal sealed partial class IdentityLinkFeeder(KlaviyoListSync sync, ILogger<IdentityLinkFeeder> logger)
{
    /// <summary>The configuration key that turns list sync (and so identity linking) on.</summary>
    public const string StatePathKey = "ListSync:StatePath";

    /// <summary>Registers list sync over the SQLite state file and this feeder when <see cref="StatePathKey"/> is set.</summary>
    public static void AddIfConfigured(WebApplicationBuilder builder)
    {
        string? statePath = builder.Configuration[StatePathKey];
        if (string.IsNullOrWhiteSpace(statePath))
        {
            return;
        }

        builder.Services.AddKlaviyoListSync().AddKlaviyoListSyncSqliteStore(statePath);
        builder.Services.AddSingleton<IdentityLinkFeeder>();
    }

    /// <summary>Stores the identity links the events carry.</summary>
    public async Task FeedAsync(IReadOnlyList<SegmentEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            int linked = await sync.LinkIdentitiesAsync(events, cancellationToken);
            if (linked > 0)
            {
                Linked(logger, linked);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LinkFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Stored {Count} identity links for list sync")]
    private static partial void Linked(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Storing identity links for list sync failed ({ExceptionType}); the tracking call was accepted")]
    private static partial void LinkFailed(ILogger logger, string exceptionType);
}
