using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// The body of <c>POST /api/data-privacy-deletion-jobs</c>. Exactly one identifier:
/// <c>profile.data.id</c>, or <c>profile.data.attributes.email</c> / <c>.phone_number</c>.
/// </summary>
/// <param name="Data">The job.</param>
internal sealed record DataPrivacyDeletionJobDocument([property: JsonPropertyName("data")] DataPrivacyDeletionJobResource Data)
{
    /// <summary>Builds the document from a (normalized) request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="action">The action named by the validation error.</param>
    /// <exception cref="KlaviyoValidationException">Not exactly one identifier is set (rule <c>one_identifier</c>).</exception>
    public static DataPrivacyDeletionJobDocument From(ProfileDeletionRequest request, string action)
    {
        int count = (string.IsNullOrEmpty(request.ProfileId) ? 0 : 1) +
                    (string.IsNullOrEmpty(request.Email) ? 0 : 1) +
                    (string.IsNullOrEmpty(request.PhoneNumber) ? 0 : 1);
        if (count != 1)
        {
            throw new KlaviyoValidationException(action, [new KlaviyoValidationError(
                "profile",
                Validation.KlaviyoValidationRules.OneIdentifier,
                "Set exactly one of ProfileId, Email or PhoneNumber: Klaviyo deletes by one identifier.")]);
        }

        var profile = !string.IsNullOrEmpty(request.ProfileId)
            ? new DeletionProfile(request.ProfileId, null)
            : new DeletionProfile(null, new DeletionProfileAttributes(
                string.IsNullOrEmpty(request.Email) ? null : request.Email,
                string.IsNullOrEmpty(request.PhoneNumber) ? null : request.PhoneNumber));
        return new(new DataPrivacyDeletionJobResource(new DataPrivacyDeletionJobAttributes(new DeletionProfileRelationship(profile))));
    }
}

/// <summary>The job resource object.</summary>
internal sealed record DataPrivacyDeletionJobResource([property: JsonPropertyName("attributes")] DataPrivacyDeletionJobAttributes Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.DataPrivacyDeletionJob;
}

/// <summary>The job's attributes.</summary>
internal sealed record DataPrivacyDeletionJobAttributes([property: JsonPropertyName("profile")] DeletionProfileRelationship Profile);

/// <summary><c>{"data":{…profile…}}</c>.</summary>
internal sealed record DeletionProfileRelationship([property: JsonPropertyName("data")] DeletionProfile Data);

/// <summary>The profile to delete, by id or by one identifier attribute.</summary>
internal sealed record DeletionProfile(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("attributes")] DeletionProfileAttributes? Attributes)
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = ResourceTypes.Profile;
}

/// <summary>The identifier attribute of the profile to delete.</summary>
internal sealed record DeletionProfileAttributes(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber);
