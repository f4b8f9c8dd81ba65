using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>
/// Which partition a message goes to: a stable hash (XxHash32) of its person key, so one person's messages are read
/// in order by one consumer. The person key is <c>userId</c>, else <c>context.traits.email</c> or
/// <c>traits.email</c> (lowercased), else <c>anonymousId</c>, else the message id. A person seen once only by
/// anonymous id and once only by user id may land in two partitions.
/// </summary>
internal static class PersonPartitioner
{
    public static string? PersonKey(SegmentEvent message)
    {
        if (!string.IsNullOrEmpty(message.UserId))
        {
            return "u:" + message.UserId;
        }

        if ((Email(message.Context, "traits") ?? Email(message.Traits, null)) is { } email)
        {
            return "e:" + email.ToLowerInvariant();
        }

        if (!string.IsNullOrEmpty(message.AnonymousId))
        {
            return "a:" + message.AnonymousId;
        }

        return message.MessageId is { } id ? "m:" + id : null;
    }

    public static int Partition(SegmentEvent message, int partitions)
    {
        if (partitions == 1 || PersonKey(message) is not { } key)
        {
            return 0;
        }

        uint hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key));
        return (int)(hash % (uint)partitions);
    }

    private static string? Email(JsonElement? parent, string? child)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        if (child is not null && (!element.TryGetProperty(child, out element) || element.ValueKind != JsonValueKind.Object))
        {
            return null;
        }

        return element.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String && email.GetString() is { Length: > 0 } text
            ? text
            : null;
    }
}
