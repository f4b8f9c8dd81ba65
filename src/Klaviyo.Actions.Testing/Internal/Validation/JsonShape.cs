using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>
/// Reads members of a request document and reports Klaviyo-shaped errors with JSON pointers. Pointers are built only
/// when an error is reported, so valid requests pay nothing for them.
/// </summary>
internal static class JsonShape
{
    /// <summary>
    /// A pointer that is never built: checks run first with it (allocating no pointer strings) and are repeated with real
    /// pointers only when something was wrong.
    /// </summary>
    public static readonly string Silent = new('#', 1);

    public static bool IsSilent(string pointer) => ReferenceEquals(pointer, Silent);

    public static string Pointer(string parent, string name) => IsSilent(parent)
        ? Silent
        : parent + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Pointer(string parent, int index) =>
        IsSilent(parent) ? Silent : parent + "/" + index.ToString(CultureInfo.InvariantCulture);

    public static MemberState Object(
        JsonElement parent, string name, string pointer, Problems problems, out JsonElement value, bool required = false, bool nullable = false) =>
        Member(parent, name, pointer, problems, JsonValueKind.Object, "an object", required, nullable, out value);

    public static MemberState Array(
        JsonElement parent, string name, string pointer, Problems problems, out JsonElement value, bool required = false, bool nullable = false) =>
        Member(parent, name, pointer, problems, JsonValueKind.Array, "an array", required, nullable, out value);

    public static MemberState String(
        JsonElement parent, string name, string pointer, Problems problems, out string? value, bool required = false, bool nullable = true)
    {
        var state = Member(parent, name, pointer, problems, JsonValueKind.String, "a string", required, nullable, out var element);
        value = state == MemberState.Present ? element.GetString() : null;
        return state;
    }

    public static MemberState Boolean(
        JsonElement parent, string name, string pointer, Problems problems, out bool value, bool nullable = true)
    {
        value = false;
        if (!parent.TryGetProperty(name, out var element))
        {
            return MemberState.Absent;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                return MemberState.Present;
            case JsonValueKind.False:
                return MemberState.Present;
            case JsonValueKind.Null when nullable:
                return MemberState.Null;
            default:
                problems.Invalid(Pointer(pointer, name), $"'{name}' must be a boolean.");
                return MemberState.Invalid;
        }
    }

    public static MemberState Number(
        JsonElement parent, string name, string pointer, Problems problems, out decimal value, bool nullable = true)
    {
        value = 0;
        if (!parent.TryGetProperty(name, out var element))
        {
            return MemberState.Absent;
        }

        if (element.ValueKind == JsonValueKind.Null && nullable)
        {
            return MemberState.Null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value))
        {
            return MemberState.Present;
        }

        problems.Invalid(Pointer(pointer, name), $"'{name}' must be a number.");
        return MemberState.Invalid;
    }

    /// <summary>Reports every member of <paramref name="element"/> whose name is not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknown(JsonElement element, NameSet allowed, string pointer, string resource, Problems problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Matches(property))
            {
                problems.Invalid(Pointer(pointer, property.Name), $"'{property.Name}' is not a valid field for the resource '{resource}'.");
            }
        }
    }

    /// <summary>
    /// Checks a resource object's <c>type</c>: missing is 400, another type is 409 (JSON:API's rule for a type the
    /// endpoint does not serve).
    /// </summary>
    public static bool ResourceType(JsonElement resource, string expectedType, string pointer, Problems problems)
    {
        if (!resource.TryGetProperty("type", out var type))
        {
            problems.Invalid(Pointer(pointer, "type"), "'type' is a required field.");
            return false;
        }

        if (type.ValueKind != JsonValueKind.String)
        {
            problems.Invalid(Pointer(pointer, "type"), "'type' must be a string.");
            return false;
        }

        if (!type.ValueEquals(expectedType))
        {
            problems.Add(ApiErrors.Conflict(
                Pointer(pointer, "type"),
                $"The resource object's type ({type.GetString()}) is not the type that constitute the collection represented by the endpoint ({expectedType})."));
            return false;
        }

        return true;
    }

    /// <summary>Reads a to-one relationship <c>{"data":{"type":..,"id":..}}</c> and returns the id.</summary>
    public static string? RelationshipId(JsonElement relationship, string expectedType, string pointer, Problems problems)
    {
        if (Object(relationship, "data", pointer, problems, out var data, required: true) != MemberState.Present)
        {
            return null;
        }

        string dataPointer = Pointer(pointer, "data");
        bool typeOk = ResourceType(data, expectedType, dataPointer, problems);
        var idState = String(data, "id", dataPointer, problems, out var id, required: true, nullable: false);
        return typeOk && idState == MemberState.Present ? id : null;
    }

    /// <summary>Length in bytes of an element's JSON text.</summary>
    public static int RawLength(JsonElement element)
    {
#if NET9_0_OR_GREATER
        return System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element).Length;
#else
        return System.Text.Encoding.UTF8.GetByteCount(element.GetRawText());
#endif
    }

    private static MemberState Member(
        JsonElement parent,
        string name,
        string pointer,
        Problems problems,
        JsonValueKind kind,
        string kindName,
        bool required,
        bool nullable,
        out JsonElement value)
    {
        if (!parent.TryGetProperty(name, out value))
        {
            if (required)
            {
                problems.Invalid(Pointer(pointer, name), $"'{name}' is a required field.");
                return MemberState.Invalid;
            }

            return MemberState.Absent;
        }

        if (value.ValueKind == kind)
        {
            return MemberState.Present;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (nullable)
            {
                return MemberState.Null;
            }

            problems.Invalid(Pointer(pointer, name), $"'{name}' may not be null.");
            return MemberState.Invalid;
        }

        problems.Invalid(Pointer(pointer, name), $"'{name}' must be {kindName}.");
        return MemberState.Invalid;
    }
}
