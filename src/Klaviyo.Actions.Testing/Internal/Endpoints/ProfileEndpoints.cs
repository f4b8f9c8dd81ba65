using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>POST /api/profiles</c>, <c>PATCH /api/profiles/{id}</c>, <c>POST /api/profile-import</c>,
/// <c>GET /api/profiles</c> and <c>GET /api/profiles/{id}</c>.
/// </summary>
internal sealed class ProfileEndpoints(EmulatorState state)
{
    /// <summary>Klaviyo's profile payload limit ("100KB"), read as 100,000 bytes.</summary>
    public const int MaxProfileBytes = 100_000;

    public const string MissingIdentifier = "At least one profile identifier (email, phone_number or external_id) is required.";

    private static readonly NameSet CreateMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet UpdateMembers = NameSet.Of("type", "id", "attributes", "meta");
    private static readonly NameSet SingleQuery = NameSet.Of(QueryParameters.AdditionalProfileFields, "fields[profile]");
    private static readonly NameSet CollectionQuery = NameSet.Of(QueryParameters.AdditionalProfileFields, "fields[profile]", "filter", "page[size]", "page[cursor]", "sort");

    private static readonly FilterOperation[] IdentifierOperations = [FilterOperation.Equals, FilterOperation.Any];

    /// <summary>Klaviyo's filterable fields of <c>GET /api/profiles</c> that the emulator supports, with their operations.</summary>
    private static readonly Dictionary<string, FilterOperation[]> QueryFilters = new(StringComparer.Ordinal)
    {
        ["email"] = IdentifierOperations,
        ["phone_number"] = IdentifierOperations,
        ["external_id"] = IdentifierOperations,
        ["id"] = IdentifierOperations,
        ["updated"] = [FilterOperation.GreaterThan, FilterOperation.LessThan],
    };

    public EmulatorResponse Create(EmulatorRequest request)
    {
        if (QueryError(request, SingleQuery, out bool subscriptions) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadResource(request, CreateMembers, ProfileSchema.Create, problems, out _, out var write))
        {
            return problems.ToResponse();
        }

        var outcome = state.Profiles.Create(write, request.Now);
        return outcome.Status == ProfileWriteStatus.Duplicate
            ? EmulatorResponse.Error(ApiErrors.DuplicateProfile(outcome.ConflictingProfileId!))
            : EmulatorResponse.Json(201, ProfileJson.Single(outcome.Profile!, request, subscriptions));
    }

    public EmulatorResponse Update(EmulatorRequest request)
    {
        if (QueryError(request, SingleQuery, out bool subscriptions) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadResource(request, UpdateMembers, ProfileSchema.Update, problems, out string? id, out var write))
        {
            return problems.ToResponse();
        }

        if (id is null)
        {
            return EmulatorResponse.Error(ApiErrors.Invalid("/data/id", "'id' is a required field."));
        }

        if (id != request.RouteId)
        {
            return EmulatorResponse.Error(ApiErrors.Conflict(
                "/data/id", $"The resource object's id ({id}) does not match the id in the URL ({request.RouteId})."));
        }

        var outcome = state.Profiles.Update(id, write, request.Now);
        return outcome.Status switch
        {
            ProfileWriteStatus.NotFound => EmulatorResponse.Error(ProfileNotFound(id, "/data/id")),
            ProfileWriteStatus.Duplicate => EmulatorResponse.Error(ApiErrors.DuplicateProfile(outcome.ConflictingProfileId!)),
            _ => EmulatorResponse.Json(200, ProfileJson.Single(outcome.Profile!, request, subscriptions)),
        };
    }

    public EmulatorResponse Import(EmulatorRequest request)
    {
        if (QueryError(request, SingleQuery, out bool subscriptions) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadResource(request, UpdateMembers, ProfileSchema.Import, problems, out string? id, out var write))
        {
            return problems.ToResponse();
        }

        var outcome = state.Profiles.Upsert(id, write, request.Now);
        return outcome.Status switch
        {
            ProfileWriteStatus.NotFound => EmulatorResponse.Error(ProfileNotFound(id!, "/data/id")),
            ProfileWriteStatus.Duplicate => EmulatorResponse.Error(ApiErrors.DuplicateProfile(outcome.ConflictingProfileId!)),
            ProfileWriteStatus.Created => EmulatorResponse.Json(201, ProfileJson.Single(outcome.Profile!, request, subscriptions)),
            _ => EmulatorResponse.Json(200, ProfileJson.Single(outcome.Profile!, request, subscriptions)),
        };
    }

    public EmulatorResponse Get(EmulatorRequest request)
    {
        if (QueryError(request, SingleQuery, out bool subscriptions) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var profile = state.Profiles.Get(request.RouteId);
        return profile is null
            ? EmulatorResponse.Error(ProfileNotFound(request.RouteId, null))
            : EmulatorResponse.Json(200, ProfileJson.Single(profile, request, subscriptions));
    }

    public EmulatorResponse Query(EmulatorRequest request)
    {
        var queryError = QueryError(request, CollectionQuery, out bool subscriptions);
        var sizeError = QueryParameters.PageSize(request, 100, 20, out int size);
        var filterError = FilterExpression.Parse(request.Query["filter"], QueryFilters, out var conditions);
        var sort = ProfileSort.Parse(request.Query["sort"]);
        var sortError = sort is null
            ? ApiErrors.InvalidParameter("sort", $"'{request.Query["sort"]}' is not a sort the emulator supports; use one of {string.Join(", ", ProfileSort.Supported)}.")
            : null;
        var identifiers = conditions.Where(c => c.Operation is FilterOperation.Equals or FilterOperation.Any).ToList();
        var identifierError = identifiers.Count > 1
            ? ApiErrors.InvalidParameter("filter", "The emulator filters on one identifier field at a time.")
            : null;
        (long Key, long Sequence)? after = null;
        var cursorError = sort is null ? null : Cursor(request, sort, out after);
        if ((queryError ?? sizeError ?? filterError ?? sortError ?? identifierError ?? cursorError) is { } error)
        {
            return EmulatorResponse.Error(error);
        }

        var filter = identifiers is [var identifier] ? new FieldFilter(identifier.Field, identifier.Values) : null;
        var times = conditions.Where(c => c.Operation is not (FilterOperation.Equals or FilterOperation.Any)).ToList();
        var (page, next) = state.Profiles.QuerySorted(filter, times, sort!, after, size);
        string? nextCursor = next is not { } n ? null : sort!.IsCreationOrder ? Cursors.Encode(n.Sequence) : Cursors.Encode(n.Key, n.Sequence);
        return EmulatorResponse.Json(200, ProfileJson.Collection(page, request, subscriptions, nextCursor));
    }

    /// <summary>Reads <c>page[cursor]</c>: a creation sequence in the default order, else a (sort key, sequence) pair.</summary>
    private static JsonApiError? Cursor(EmulatorRequest request, ProfileSort sort, out (long Key, long Sequence)? after)
    {
        after = null;
        string? text = request.Query["page[cursor]"];
        if (text is null)
        {
            return null;
        }

        if (sort.IsCreationOrder && Cursors.TryDecode(text, out long sequence))
        {
            after = (sequence, sequence);
        }
        else if (!sort.IsCreationOrder && Cursors.TryDecode(text, out long key, out long tie))
        {
            after = (key, tie);
        }

        return after is null ? ApiErrors.InvalidParameter("page[cursor]", "Invalid cursor.") : null;
    }

    public static JsonApiError ProfileNotFound(string id, string? pointer) =>
        ApiErrors.NotFound(string.Create(CultureInfo.InvariantCulture, $"A profile with id {id} does not exist."), pointer);

    private static JsonApiError? QueryError(EmulatorRequest request, NameSet allowed, out bool subscriptions)
    {
        subscriptions = false;
        return QueryParameters.CheckAllowed(request, allowed)
            ?? QueryParameters.AdditionalProfileFieldsValue(request, out subscriptions);
    }

    /// <summary>Reads <c>data</c> (type, optional id, attributes, meta) of a single-profile write.</summary>
    private static bool ReadResource(
        EmulatorRequest request,
        NameSet members,
        ProfileSchema schema,
        Problems problems,
        out string? id,
        out ProfileWrite write)
    {
        id = null;
        write = new ProfileWrite();
        if (!JsonApiDocument.TryGetResource(request, "profile", problems, out var data))
        {
            return false;
        }

        if (JsonShape.RawLength(data) > MaxProfileBytes)
        {
            problems.Add(ApiErrors.PayloadTooLarge("The maximum allowed payload size is 100KB."));
            return false;
        }

        JsonShape.RejectUnknown(data, members, "/data", "profile", problems);
        if (members.Contains("id"))
        {
            JsonShape.String(data, "id", "/data", problems, out id);
        }

        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) == MemberState.Present)
        {
            write = ProfileAttributesReader.Read(attributes, "/data/attributes", schema, problems);
        }

        if (members.Contains("meta") &&
            JsonShape.Object(data, "meta", "/data", problems, out JsonElement meta, nullable: true) == MemberState.Present)
        {
            write.PatchProperties = ProfileMetaReader.Read(meta, "/data/meta", problems);
        }

        if (!problems.HasErrors && schema != ProfileSchema.Update && id is null && !write.HasIdentifier)
        {
            problems.Invalid("/data/attributes", MissingIdentifier);
        }

        return !problems.HasErrors;
    }
}
