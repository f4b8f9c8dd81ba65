namespace Klaviyo.Actions.Operations;

/// <summary>The identifiers a profile can be looked up by, in Segment's look-up order.</summary>
internal enum ProfileIdentifierKind
{
    /// <summary><c>external_id</c>.</summary>
    ExternalId,

    /// <summary><c>email</c>.</summary>
    Email,

    /// <summary><c>phone_number</c> (E.164).</summary>
    PhoneNumber,
}

/// <summary>Klaviyo field names of <see cref="ProfileIdentifierKind"/>.</summary>
internal static class ProfileIdentifierKinds
{
    /// <summary>Every kind in look-up order: external id, email, phone number.</summary>
    public static readonly IReadOnlyList<ProfileIdentifierKind> LookupOrder =
        [ProfileIdentifierKind.ExternalId, ProfileIdentifierKind.Email, ProfileIdentifierKind.PhoneNumber];

    /// <summary>The profile attribute and filter field, e.g. <c>phone_number</c>.</summary>
    public static string FieldName(this ProfileIdentifierKind kind) => kind switch
    {
        ProfileIdentifierKind.ExternalId => "external_id",
        ProfileIdentifierKind.Email => "email",
        ProfileIdentifierKind.PhoneNumber => "phone_number",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
