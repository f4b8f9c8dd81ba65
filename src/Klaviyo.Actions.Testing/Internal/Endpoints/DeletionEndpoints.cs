using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>POST /api/data-privacy-deletion-jobs</c>: exactly one identifier (profile id, email or phone number); deletes the
/// matching profile with its events and list memberships; 202 without a body, also when nothing matched.
/// </summary>
internal sealed class DeletionEndpoints(EmulatorState state)
{
    private const string ProfileDataPointer = "/data/attributes/profile/data";
    private static readonly NameSet NoQuery = NameSet.Of();
    private static readonly NameSet JobMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet JobAttributes = NameSet.Of("profile");
    private static readonly NameSet DataOnly = NameSet.Of("data");
    private static readonly NameSet ProfileMembers = NameSet.Of("type", "id", "attributes");
    private static readonly NameSet ProfileAttributes = NameSet.Of("email", "phone_number");

    public EmulatorResponse Create(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!JsonApiDocument.TryGetResource(request, "data-privacy-deletion-job", problems, out var data))
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(data, JobMembers, "/data", "data-privacy-deletion-job", problems);
        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) != MemberState.Present)
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(attributes, JobAttributes, "/data/attributes", "data-privacy-deletion-job", problems);
        if (JsonShape.Object(attributes, "profile", "/data/attributes", problems, out var profile, required: true) != MemberState.Present)
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(profile, DataOnly, "/data/attributes/profile", "profile", problems);
        if (JsonShape.Object(profile, "data", "/data/attributes/profile", problems, out var profileData, required: true) != MemberState.Present ||
            !JsonShape.ResourceType(profileData, "profile", ProfileDataPointer, problems))
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(profileData, ProfileMembers, ProfileDataPointer, "profile", problems);
        var identifiers = new List<(string Type, string Value)>();
        if (JsonShape.String(profileData, "id", ProfileDataPointer, problems, out string? id) == MemberState.Present)
        {
            identifiers.Add(("id", id!));
        }

        if (JsonShape.Object(profileData, "attributes", ProfileDataPointer, problems, out var profileAttributes, nullable: true) == MemberState.Present)
        {
            JsonShape.RejectUnknown(profileAttributes, ProfileAttributes, ProfileDataPointer + "/attributes", "profile", problems);
            foreach (string name in ProfileAttributes)
            {
                if (JsonShape.String(profileAttributes, name, ProfileDataPointer + "/attributes", problems, out string? value) == MemberState.Present)
                {
                    identifiers.Add((name, value!));
                }
            }
        }

        if (!problems.HasErrors && identifiers.Count != 1)
        {
            problems.Invalid(ProfileDataPointer,
                $"Exactly one identifier (id, email or phone_number) must be provided; got {identifiers.Count}.");
        }

        if (problems.HasErrors)
        {
            return problems.ToResponse();
        }

        var (type, identifier) = identifiers[0];
        var deleted = state.Profiles.Delete(type, identifier);
        state.DeleteProfiles(deleted);
        state.Deletions.Add(new EmulatedDeletionRequest(request.Now, type, identifier, deleted));
        return EmulatorResponse.Empty(202);
    }
}
