using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Sync;

/// <summary>Reads the user id → email link a Segment event carries (identify, or a track named <c>context_identified</c>).</summary>
internal static class IdentityLink
{
    /// <summary>The event name the list-sync connector document links identities with.</summary>
    public const string ContextIdentifiedEvent = "context_identified";

    public static bool TryRead(SegmentEvent segmentEvent, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? email)
    {
        userId = null;
        email = null;
        if (segmentEvent is null || segmentEvent.UserId is not { } id || string.IsNullOrWhiteSpace(id)
            || id.Length > SegmentMember.MaxUserIdLength || EmailAddress.LooksLikeEmail(id))
        {
            // No user id to link, or the user id is itself the member's email.
            return false;
        }

        string? found = segmentEvent.Type switch
        {
            SegmentEventType.Identify => Email(segmentEvent.Traits) ?? ContextEmail(segmentEvent),
            SegmentEventType.Track when segmentEvent.Event == ContextIdentifiedEvent =>
                Email(segmentEvent.Properties) ?? Email(segmentEvent.Traits) ?? ContextEmail(segmentEvent),
            _ => null,
        };
        string? normalized = found?.Trim().ToLowerInvariant();
        if (normalized is null || !EmailAddress.IsAcceptable(normalized))
        {
            return false;
        }

        userId = id;
        email = normalized;
        return true;
    }

    private static string? Email(JsonElement? container) =>
        container is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty("email", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? ContextEmail(SegmentEvent segmentEvent) =>
        segmentEvent.Context is { } context && context.TryGetProperty("traits", out var traits) ? Email(traits) : null;
}
