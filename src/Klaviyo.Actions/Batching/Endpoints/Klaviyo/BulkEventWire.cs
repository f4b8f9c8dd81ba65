using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// One event of a bulk create request, serialized once: its entry's profile and the event itself. It is also the
/// event's conflict key (<see cref="IBulkKeyValue"/>): two events conflict when their profiles' identifiers (email
/// case-insensitively, as lower-case invariant; an empty identifier as a missing one, since neither is sent), metric
/// and <c>unique_id</c> are the same — Klaviyo refuses a bulk request in which a <c>unique_id</c> repeats for one
/// profile and metric.
/// </summary>
internal sealed class BulkEventWire : IBulkKeyValue
{
    // The fragments' arrays (a fragment struct would take twice the room): the wire is kept for every queued event.
    private readonly byte[] _profile;
    private readonly byte[] _event;
    private readonly EventProfile _identity;
    private readonly string _metricName;

    /// <summary>Creates the wire form of one event.</summary>
    /// <param name="profile">The <c>profile.data</c> the event's entry carries.</param>
    /// <param name="evt">The event (<c>{"type":"event","attributes":{…}}</c>) with its time and <c>unique_id</c> settled.</param>
    /// <param name="uniqueId">The <c>unique_id</c> sent.</param>
    /// <param name="identity">The event's profile (its identifiers are immutable).</param>
    /// <param name="metricName">The metric.</param>
    public BulkEventWire(JsonFragment profile, JsonFragment evt, string uniqueId, EventProfile identity, string metricName)
    {
        _profile = ArrayOf(profile);
        _event = ArrayOf(evt);
        UniqueId = uniqueId;
        _identity = identity;
        _metricName = metricName;
        KeyHash = HashCode.Combine(
            Hash(LowerEmail(identity)),
            Hash(NullIfEmpty(identity.PhoneNumber)),
            Hash(NullIfEmpty(identity.ExternalId)),
            Hash(NullIfEmpty(identity.AnonymousId)),
            Hash(metricName),
            Hash(uniqueId));
    }

    /// <summary>The <c>profile.data</c> the event's entry carries.</summary>
    public JsonFragment Profile => new(_profile);

    /// <summary>The event's profile (its identifiers; the instance an order shares with its product events).</summary>
    public EventProfile Identity => _identity;

    /// <summary>The event with its time and <c>unique_id</c> settled.</summary>
    public JsonFragment Event => new(_event);

    /// <summary>The <c>unique_id</c> sent.</summary>
    public string UniqueId { get; }

    /// <inheritdoc />
    public int KeyHash { get; }

    /// <summary>The conflict key of this event (this object).</summary>
    public BulkKey ConflictKey => BulkKey.Of(this);

    /// <inheritdoc />
    public bool KeyEquals(IBulkKeyValue other) =>
        other is BulkEventWire wire &&
        KeyHash == wire.KeyHash &&
        Same(UniqueId, wire.UniqueId) &&
        Same(_metricName, wire._metricName) &&
        Same(NullIfEmpty(_identity.PhoneNumber), NullIfEmpty(wire._identity.PhoneNumber)) &&
        Same(NullIfEmpty(_identity.ExternalId), NullIfEmpty(wire._identity.ExternalId)) &&
        Same(NullIfEmpty(_identity.AnonymousId), NullIfEmpty(wire._identity.AnonymousId)) &&
        Same(LowerEmail(_identity), LowerEmail(wire._identity));

    /// <summary>Names no identifier (they are personal data).</summary>
    public override string ToString() => $"{nameof(BulkEventWire)}({_profile.Length} + {_event.Length} B)";

    private static byte[] ArrayOf(JsonFragment fragment) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(fragment.Utf8Json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : fragment.Utf8Json.ToArray();

    // Lower-case invariant returns the same instance when nothing changes, so a normalized email costs nothing.
    private static string? LowerEmail(EventProfile profile) => NullIfEmpty(profile.Email)?.ToLowerInvariant();

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool Same(string? left, string? right) => string.Equals(left, right, StringComparison.Ordinal);

    private static int Hash(string? text) => text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);
}
