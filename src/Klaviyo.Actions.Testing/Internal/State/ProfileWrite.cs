using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// The attributes of one profile write, read from a request. Absent members are left as they are; <c>null</c> clears.
/// Elements belong to the request document, which the emulator never disposes, so they may be stored as they are.
/// </summary>
internal sealed class ProfileWrite
{
    public FieldPatch Email { get; set; }

    public FieldPatch PhoneNumber { get; set; }

    public FieldPatch ExternalId { get; set; }

    public FieldPatch AnonymousId { get; set; }

    public FieldPatch Kx { get; set; }

    /// <summary>Plain attributes such as <c>first_name</c>; a <c>null</c> element clears the attribute.</summary>
    public List<KeyValuePair<string, JsonElement>> Attributes { get; } = [];

    /// <summary>The <c>location</c> object, a <c>null</c> element (clear all), or absent.</summary>
    public JsonElement? Location { get; set; }

    /// <summary>The <c>properties</c> object, a <c>null</c> element (clear all), or absent.</summary>
    public JsonElement? Properties { get; set; }

    /// <summary><c>meta.patch_properties</c>, if sent.</summary>
    public JsonElement? PatchProperties { get; set; }

    /// <summary>Set when a phone number failed E.164 and the caller decides what that means.</summary>
    public bool PhoneInvalid { get; set; }

    public bool HasIdentifier =>
        Email.HasValue || PhoneNumber.HasValue || ExternalId.HasValue || AnonymousId.HasValue || Kx.HasValue;
}
