using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Reads and checks profile <c>attributes</c> (identifiers, plain attributes, location, properties).</summary>
internal static class ProfileAttributesReader
{
    public static readonly string[] TextAttributes = ["first_name", "last_name", "organization", "locale", "title", "image"];

    public static readonly string[] LocationFields =
        ["address1", "address2", "city", "country", "latitude", "longitude", "region", "zip", "timezone", "ip"];

    private static readonly string[] Identifiers = ["email", "phone_number", "external_id"];
    private static readonly NameSet Common = NameSet.Of([.. Identifiers, .. TextAttributes, "location", "properties"]);
    private static readonly NameSet WithKx = NameSet.Of([.. Common, "_kx"]);
    private static readonly NameSet EventFields = NameSet.Of([.. Common, "_kx", "anonymous_id", "meta"]);
    private static readonly NameSet BulkEventFields = NameSet.Of([.. Common, "_kx", "anonymous_id"]);
    private static readonly NameSet LocationSet = NameSet.Of(LocationFields);

    public static ProfileWrite Read(JsonElement attributes, string pointer, ProfileSchema schema, Problems problems)
    {
        var write = new ProfileWrite();
        JsonShape.RejectUnknown(attributes, Allowed(schema), pointer, "profile", problems);

        write.Email = ReadEmail(attributes, pointer, problems);
        write.PhoneNumber = ReadPhone(attributes, pointer, schema, problems, write);
        write.ExternalId = ReadText(attributes, "external_id", pointer, problems);
        if (schema is ProfileSchema.Event or ProfileSchema.BulkEvent)
        {
            write.AnonymousId = ReadText(attributes, "anonymous_id", pointer, problems);
        }

        if (schema is not (ProfileSchema.Create or ProfileSchema.Update))
        {
            write.Kx = ReadText(attributes, "_kx", pointer, problems);
        }

        foreach (string name in TextAttributes)
        {
            if (JsonShape.String(attributes, name, pointer, problems, out _) is MemberState.Present or MemberState.Null)
            {
                write.Attributes.Add(new(name, attributes.GetProperty(name)));
            }
        }

        var locationState = JsonShape.Object(attributes, "location", pointer, problems, out var location, nullable: true);
        if (locationState == MemberState.Present && CheckLocation(location, JsonShape.Pointer(pointer, "location"), problems))
        {
            write.Location = location;
        }
        else if (locationState == MemberState.Null)
        {
            write.Location = location;
        }

        if (JsonShape.Object(attributes, "properties", pointer, problems, out var properties, nullable: true) is MemberState.Present or MemberState.Null)
        {
            write.Properties = properties;
        }

        if (schema == ProfileSchema.Event &&
            JsonShape.Object(attributes, "meta", pointer, problems, out var meta) == MemberState.Present)
        {
            write.PatchProperties = ProfileMetaReader.Read(meta, JsonShape.Pointer(pointer, "meta"), problems);
        }

        return write;
    }

    private static NameSet Allowed(ProfileSchema schema) => schema switch
    {
        ProfileSchema.Create or ProfileSchema.Update => Common,
        ProfileSchema.Import or ProfileSchema.BulkImport => WithKx,
        ProfileSchema.Event => EventFields,
        _ => BulkEventFields,
    };

    private static FieldPatch ReadText(JsonElement attributes, string name, string pointer, Problems problems) =>
        JsonShape.String(attributes, name, pointer, problems, out var value) switch
        {
            MemberState.Present => new FieldPatch(value),
            MemberState.Null => new FieldPatch(null),
            _ => default,
        };

    private static FieldPatch ReadEmail(JsonElement attributes, string pointer, Problems problems)
    {
        var patch = ReadText(attributes, "email", pointer, problems);
        if (patch.Value is { } email && IdentifierRules.EmailProblem(email) is { } problem)
        {
            problems.Invalid(JsonShape.Pointer(pointer, "email"), problem);
        }

        return patch;
    }

    private static FieldPatch ReadPhone(JsonElement attributes, string pointer, ProfileSchema schema, Problems problems, ProfileWrite write)
    {
        var patch = ReadText(attributes, "phone_number", pointer, problems);
        if (patch.Value is { } phone && !IdentifierRules.IsE164(phone))
        {
            switch (schema)
            {
                case ProfileSchema.BulkImport:
                    // Checked when the job runs: the row becomes an import error.
                    break;
                case ProfileSchema.Event or ProfileSchema.BulkEvent:
                    // Klaviyo rejects an invalid phone only when no valid email identifies the profile; the caller decides.
                    write.PhoneInvalid = true;
                    break;
                default:
                    problems.Invalid(JsonShape.Pointer(pointer, "phone_number"), IdentifierRules.InvalidPhoneDetail);
                    break;
            }
        }

        return patch;
    }

    private static bool CheckLocation(JsonElement location, string pointer, Problems problems)
    {
        int before = problems.Count;
        JsonShape.RejectUnknown(location, LocationSet, pointer, "location", problems);
        foreach (var field in location.EnumerateObject())
        {
            var kind = field.Value.ValueKind;
            bool numeric = field.Name is "latitude" or "longitude";
            bool ok = kind is JsonValueKind.String or JsonValueKind.Null || (numeric && kind == JsonValueKind.Number);
            if (!ok && LocationSet.Contains(field.Name))
            {
                problems.Invalid(
                    JsonShape.Pointer(pointer, field.Name),
                    numeric ? $"'{field.Name}' must be a string or a number." : $"'{field.Name}' must be a string.");
            }
        }

        return problems.Count == before;
    }
}
