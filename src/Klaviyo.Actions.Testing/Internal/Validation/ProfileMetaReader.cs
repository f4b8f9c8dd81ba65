using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Reads a profile's <c>meta</c> (<c>patch_properties</c> with <c>append</c>, <c>unappend</c>, <c>unset</c>).</summary>
internal static class ProfileMetaReader
{
    private static readonly NameSet MetaFields = NameSet.Of("patch_properties", "patch_identifiers");
    private static readonly NameSet PatchFields = NameSet.Of("append", "unappend", "unset");

    /// <summary>Returns <c>patch_properties</c> when present and well formed.</summary>
    public static JsonElement? Read(JsonElement meta, string pointer, Problems problems)
    {
        JsonShape.RejectUnknown(meta, MetaFields, pointer, "meta", problems);
        JsonShape.Object(meta, "patch_identifiers", pointer, problems, out _, nullable: true);
        if (JsonShape.Object(meta, "patch_properties", pointer, problems, out var patch, nullable: true) != MemberState.Present)
        {
            return null;
        }

        string patchPointer = JsonShape.Pointer(pointer, "patch_properties");
        int before = problems.Count;
        JsonShape.RejectUnknown(patch, PatchFields, patchPointer, "patch_properties", problems);
        JsonShape.Object(patch, "append", patchPointer, problems, out _, nullable: true);
        JsonShape.Object(patch, "unappend", patchPointer, problems, out _, nullable: true);
        if (patch.TryGetProperty("unset", out var unset))
        {
            bool ok = unset.ValueKind is JsonValueKind.String or JsonValueKind.Null ||
                (unset.ValueKind == JsonValueKind.Array && unset.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String));
            if (!ok)
            {
                problems.Invalid(JsonShape.Pointer(patchPointer, "unset"), "'unset' must be a string or an array of strings.");
            }
        }

        return problems.Count == before ? patch : null;
    }
}
