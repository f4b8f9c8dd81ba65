using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Tests.Validation;

/// <summary>
/// One of the four actions that identify a profile by email, phone or external id (Upsert Profile, Add
/// Profile to List, Remove Profile from List, Remove Profile), so the shared identifier rules run against each.
/// </summary>
public sealed class ProfileActionCase
{
    private readonly Func<string?, string?, string?, string?, string?, (IReadOnlyList<KlaviyoValidationError> Errors, IProfileIdentity? Normalized)> _validate;

    private ProfileActionCase(
        string name,
        Func<string?, string?, string?, string?, string?, (IReadOnlyList<KlaviyoValidationError>, IProfileIdentity?)> validate)
    {
        Name = name;
        _validate = validate;
    }

    public string Name { get; }

    public static IEnumerable<ProfileActionCase> All { get; } =
    [
        new("upsertProfile", (e, p, c, x, l) => View(KlaviyoRequestValidator.Validate(
            new UpsertProfileRequest { Email = e, PhoneNumber = p, CountryCode = c, ExternalId = x, ListId = l }))),
        new("addProfileToList", (e, p, c, x, l) => View(KlaviyoRequestValidator.Validate(
            new AddProfileToListRequest { ListId = l ?? "LIST_A", Email = e, PhoneNumber = p, CountryCode = c, ExternalId = x }))),
        new("removeProfileFromList", (e, p, c, x, l) => View(KlaviyoRequestValidator.Validate(
            new RemoveProfileFromListRequest { ListId = l ?? "LIST_A", Email = e, PhoneNumber = p, CountryCode = c, ExternalId = x }))),
        new("removeProfile", (e, p, c, x, l) => View(KlaviyoRequestValidator.Validate(
            new RemoveProfileRequest { ListId = l ?? "LIST_A", Email = e, PhoneNumber = p, CountryCode = c, ExternalId = x }))),
    ];

    public (IReadOnlyList<KlaviyoValidationError> Errors, IProfileIdentity? Normalized) Validate(
        string? email = null, string? phone = null, string? countryCode = null, string? externalId = null, string? listId = null) =>
        _validate(email, phone, countryCode, externalId, listId);

    public override string ToString() => Name;

    private static (IReadOnlyList<KlaviyoValidationError>, IProfileIdentity?) View<T>(ValidationResult<T> result)
        where T : class, IProfileIdentity =>
        (result.Errors, result.Normalized);
}
