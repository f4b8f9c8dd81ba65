using System.Collections.Concurrent;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// An <see cref="IKlaviyoToSegmentCursorStore"/> in memory: for tests and one-off runs. Cursors are lost when the
/// process ends, so the next process starts again from <see cref="KlaviyoToSegmentOptions.Since"/>; use the SQLite or
/// PostgreSQL store for a sync that runs on an interval.
/// </summary>
public sealed class InMemoryKlaviyoToSegmentCursorStore : IKlaviyoToSegmentCursorStore
{
    private readonly ConcurrentDictionary<(string SyncName, string Stream), KlaviyoToSegmentCursor> _cursors = new();

    /// <inheritdoc />
    public Task<KlaviyoToSegmentCursor?> GetAsync(string syncName, string stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_cursors.TryGetValue((syncName, stream), out var cursor) ? cursor : null);
    }

    /// <inheritdoc />
    public Task SetAsync(string syncName, string stream, KlaviyoToSegmentCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(syncName);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(cursor);
        cancellationToken.ThrowIfCancellationRequested();
        _cursors[(syncName, stream)] = cursor with { Seen = [.. cursor.Seen] };
        return Task.CompletedTask;
    }
}
