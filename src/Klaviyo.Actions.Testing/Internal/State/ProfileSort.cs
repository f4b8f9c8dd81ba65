using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// A <c>sort</c> of <c>GET /api/profiles</c> the emulator supports: <c>created</c> or <c>updated</c>, ascending or
/// descending (<c>-updated</c>). Datetimes sort at whole seconds, as Klaviyo shows them; ties go by creation order.
/// </summary>
internal sealed record ProfileSort(string Field, bool Descending)
{
    public static readonly ProfileSort Default = new("created", false);

    /// <summary>The values the emulator accepts (Klaviyo also sorts by <c>id</c> and <c>email</c>; the emulator does not).</summary>
    public static readonly string[] Supported = ["created", "-created", "updated", "-updated"];

    public static ProfileSort? Parse(string? text) => text switch
    {
        null or "created" => Default,
        "-created" => new("created", true),
        "updated" => new("updated", false),
        "-updated" => new("updated", true),
        _ => null,
    };

    /// <summary>Whether this is the default order, whose cursor is the creation sequence alone.</summary>
    public bool IsCreationOrder => Field == "created" && !Descending;

    public long Key(ProfileRecord record) => Field == "updated"
        ? Timestamps.TruncateToSecond(record.Updated).UtcTicks
        : record.Sequence;
}
