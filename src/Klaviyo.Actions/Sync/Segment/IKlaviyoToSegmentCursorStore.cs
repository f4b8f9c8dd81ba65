namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Keeps the cursors of Klaviyo → Segment syncs durably, one per sync name and stream (<c>profiles</c>, or
/// <c>events:&lt;metric id&gt;</c>). Implementations: <see cref="InMemoryKlaviyoToSegmentCursorStore"/> (tests, one-off
/// runs), <c>SqliteKlaviyoToSegmentCursorStore</c> (Klaviyo.Actions.Sync.Sqlite) and
/// <c>PostgreSqlKlaviyoToSegmentCursorStore</c> (Klaviyo.Actions.Sync.PostgreSql).
/// </summary>
/// <remarks>
/// A <see cref="SetAsync"/> that returned must survive a crash: the sync moves a cursor only after Segment accepted
/// everything before it, so a lost write only resends (Segment deduplicates by <c>messageId</c>), and a durable one
/// means an interrupted run resumes where it stopped. Implementations are thread-safe.
/// </remarks>
public interface IKlaviyoToSegmentCursorStore
{
    /// <summary>The stored cursor, or <see langword="null"/> when the stream never ran.</summary>
    /// <param name="syncName">The sync's name (<see cref="KlaviyoToSegmentOptions.SyncName"/>).</param>
    /// <param name="stream">The stream, e.g. <c>profiles</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The cursor, or <see langword="null"/>.</returns>
    Task<KlaviyoToSegmentCursor?> GetAsync(string syncName, string stream, CancellationToken cancellationToken);

    /// <summary>Stores (replaces) the cursor of a stream.</summary>
    /// <param name="syncName">The sync's name.</param>
    /// <param name="stream">The stream.</param>
    /// <param name="cursor">The new cursor.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the cursor is stored durably.</returns>
    Task SetAsync(string syncName, string stream, KlaviyoToSegmentCursor cursor, CancellationToken cancellationToken);
}
