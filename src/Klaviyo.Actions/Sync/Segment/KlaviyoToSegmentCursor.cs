namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// How far one stream of a Klaviyo → Segment sync got (the profiles, or one metric's events): the newest change time
/// Segment accepted, and which changes at the end of that window were already sent.
/// </summary>
/// <remarks>
/// Klaviyo compares <c>updated</c> and <c>datetime</c> at whole seconds, and many changes share a second. Reading
/// strictly after the last time sent could skip the rest of a second cut by an interruption; reading from it again
/// would resend what was sent. So the next run reads from <see cref="Position"/> minus an overlap, and skips the
/// changes listed in <see cref="Seen"/>: nothing is skipped and nothing is sent twice.
/// </remarks>
/// <param name="Position">The newest change time (profile <c>updated</c>, event <c>datetime</c>) Segment accepted, or the configured start.</param>
/// <param name="Seen">
/// Opaque keys of the changes already handled near <see cref="Position"/> (a profile version or an event, with its
/// time); stores keep them as given. Never personal data: Klaviyo ids and times only.
/// </param>
public sealed record KlaviyoToSegmentCursor(DateTimeOffset Position, IReadOnlyList<string> Seen)
{
    /// <summary>A cursor at <paramref name="position"/> with nothing seen: the next run reads changes strictly after it.</summary>
    /// <param name="position">The start.</param>
    /// <returns>The cursor.</returns>
    public static KlaviyoToSegmentCursor StartingAt(DateTimeOffset position) => new(position, []);
}
