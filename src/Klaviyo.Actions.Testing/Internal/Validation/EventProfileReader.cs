using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Reads the <c>profile</c> of an event: <c>{"data":{"type":"profile","id":..,"attributes":{..}}}</c>.</summary>
internal static class EventProfileReader
{
    /// <summary>Klaviyo's limit on an event's profile object ("95KB"), read as 95,000 bytes.</summary>
    public const int MaxProfileBytes = 95_000;

    private static readonly NameSet ProfileMembers = NameSet.Of("data");
    private static readonly NameSet SingleDataMembers = NameSet.Of("type", "id", "attributes");
    private static readonly NameSet BulkDataMembers = NameSet.Of("type", "id", "attributes", "meta");

    public static bool Read(JsonElement profile, string pointer, bool bulk, Problems problems, out string? id, out ProfileWrite write)
    {
        id = null;
        write = new ProfileWrite();
        int before = problems.Count;
        if (JsonShape.RawLength(profile) > MaxProfileBytes)
        {
            problems.Invalid(pointer, "The event's profile object must not exceed 95KB.");
            return false;
        }

        JsonShape.RejectUnknown(profile, ProfileMembers, pointer, "profile", problems);
        if (JsonShape.Object(profile, "data", pointer, problems, out var data, required: true) != MemberState.Present)
        {
            return false;
        }

        string dataPointer = JsonShape.Pointer(pointer, "data");
        JsonShape.RejectUnknown(data, bulk ? BulkDataMembers : SingleDataMembers, dataPointer, "profile", problems);
        if (!JsonShape.ResourceType(data, "profile", dataPointer, problems))
        {
            return false;
        }

        JsonShape.String(data, "id", dataPointer, problems, out id);
        string attributesPointer = JsonShape.Pointer(dataPointer, "attributes");
        if (JsonShape.Object(data, "attributes", dataPointer, problems, out var attributes, required: true) == MemberState.Present)
        {
            write = ProfileAttributesReader.Read(attributes, attributesPointer, bulk ? ProfileSchema.BulkEvent : ProfileSchema.Event, problems);
        }

        if (bulk && JsonShape.Object(data, "meta", dataPointer, problems, out var meta, nullable: true) == MemberState.Present)
        {
            write.PatchProperties = ProfileMetaReader.Read(meta, JsonShape.Pointer(dataPointer, "meta"), problems);
        }

        if (problems.Count != before)
        {
            return false;
        }

        if (write.PhoneInvalid)
        {
            if (!write.Email.HasValue)
            {
                problems.Invalid(JsonShape.Pointer(attributesPointer, "phone_number"), IdentifierRules.InvalidPhoneDetail);
                return false;
            }

            // A valid email identifies the profile; Klaviyo then ignores the invalid phone.
            write.PhoneNumber = default;
        }

        if (id is null && !write.HasIdentifier)
        {
            problems.Invalid(
                attributesPointer,
                "At least one profile identifier (id, email, phone_number, external_id or anonymous_id) is required.");
            return false;
        }

        return true;
    }

    /// <summary>A key that is equal for two rows naming the same profile the same way, for in-request de-duplication.</summary>
    public static string IdentityKey(string? id, ProfileWrite write) =>
        id is not null ? "id:" + id
        : write.Email.Value is { } email ? "email:" + email.ToUpperInvariant()
        : write.PhoneNumber.Value is { } phone ? "phone:" + phone
        : write.ExternalId.Value is { } externalId ? "external:" + externalId
        : write.AnonymousId.Value is { } anonymousId ? "anonymous:" + anonymousId
        : "kx:" + write.Kx.Value;
}
