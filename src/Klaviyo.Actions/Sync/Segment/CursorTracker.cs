using System.Globalization;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// One stream's cursor during a run: which changes were already sent near the cursor, which were handled since the last
/// checkpoint, and the cursor to store once Segment accepted everything handled.
/// </summary>
/// <remarks>
/// Changes arrive oldest first. A change is "handled" when it is in the batch being built, or skipped. On a checkpoint
/// (Segment accepted the batch) the position moves to the newest handled change, and the handled changes within
/// <see cref="Overlap"/> of it are remembered as seen, so the next run, which reads from the position minus the overlap,
/// skips exactly them.
/// </remarks>
internal sealed class CursorTracker
{
    /// <summary>How far before the position the next run reads again: Klaviyo's whole-second comparison, with margin.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset Time, string Key)> _handled = [];
    private DateTimeOffset _position;

    public CursorTracker(KlaviyoToSegmentCursor cursor)
    {
        _position = cursor.Position;
        foreach (string key in cursor.Seen)
        {
            if (TryParse(key, out var time))
            {
                _seen[key] = time;
            }
        }
    }

    /// <summary>The exclusive lower bound to read from: the position, less the overlap when changes near it were sent.</summary>
    public DateTimeOffset ReadAfter => _seen.Count == 0 ? _position : _position - Overlap;

    /// <summary>Changes handled since the last checkpoint.</summary>
    public int Pending => _handled.Count;

    /// <summary>The key of one change: its time (ticks) and Klaviyo id.</summary>
    public static string Key(DateTimeOffset time, string id) =>
        time.UtcTicks.ToString(CultureInfo.InvariantCulture) + ":" + id;

    /// <summary>Whether an earlier run already handled this change.</summary>
    public bool WasSeen(DateTimeOffset time, string id) => _seen.ContainsKey(Key(time, id));

    /// <summary>Records a change as handled (batched or skipped); it counts once Segment accepted what came before and with it.</summary>
    public void Handle(DateTimeOffset time, string id) => _handled.Add((time, Key(time, id)));

    /// <summary>Everything handled was accepted: the new cursor, or <see langword="null"/> when nothing was handled.</summary>
    public KlaviyoToSegmentCursor? Checkpoint()
    {
        if (_handled.Count == 0)
        {
            return null;
        }

        foreach (var (time, key) in _handled)
        {
            if (time > _position)
            {
                _position = time;
            }

            _seen[key] = time;
        }

        _handled.Clear();
        var edge = _position - Overlap;
        foreach (var old in _seen.Where(pair => pair.Value < edge).Select(pair => pair.Key).ToList())
        {
            _seen.Remove(old);
        }

        return new KlaviyoToSegmentCursor(_position, [.. _seen.Keys.Order(StringComparer.Ordinal)]);
    }

    private static bool TryParse(string key, out DateTimeOffset time)
    {
        time = default;
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(key.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) ||
            ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        time = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
