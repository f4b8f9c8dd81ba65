using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>GET</c>/<c>POST /api/lists</c>, <c>GET /api/lists/{id}</c> and <c>POST</c>/<c>DELETE
/// /api/lists/{id}/relationships/profiles</c>.
/// </summary>
internal sealed class ListEndpoints(EmulatorState state, int maxCreationsPerDay)
{
    public const int MaxRelationshipProfiles = 1000;

    private static readonly NameSet NoQuery = NameSet.Of();
    private static readonly NameSet SingleQuery = NameSet.Of("fields[list]", "include", "additional-fields[list]");
    private static readonly NameSet CollectionQuery = NameSet.Of("fields[list]", "filter", "page[size]", "page[cursor]", "sort", "include");
    private static readonly NameSet FilterFields = NameSet.Of("name", "id");
    private static readonly NameSet CreateMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet CreateAttributes = NameSet.Of("name", "opt_in_process");
    private static readonly NameSet IdentifierMembers = NameSet.Of("type", "id");

    public EmulatorResponse Query(EmulatorRequest request)
    {
        var queryError = QueryParameters.CheckAllowed(request, CollectionQuery);
        var sizeError = QueryParameters.PageSize(request, 10, 10, out int size);
        var cursorError = QueryParameters.Cursor(request, out long after);
        var filterError = FilterParser.Parse(request.Query["filter"], FilterFields, out var filter);
        if ((queryError ?? sizeError ?? cursorError ?? filterError) is { } error)
        {
            return EmulatorResponse.Error(error);
        }

        var (page, next) = state.Lists.Query(filter, after, size);
        return EmulatorResponse.Json(200, ListJson.Collection(page, request, next is { } n ? Cursors.Encode(n) : null));
    }

    public EmulatorResponse Get(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, SingleQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var list = state.Lists.Get(request.RouteId);
        return list is null
            ? EmulatorResponse.Error(ListNotFound(request.RouteId))
            : EmulatorResponse.Json(200, ListJson.Single(list, request));
    }

    public EmulatorResponse Create(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!JsonApiDocument.TryGetResource(request, "list", problems, out var data))
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(data, CreateMembers, "/data", "list", problems);
        string? name = null;
        string? optIn = null;
        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) == MemberState.Present)
        {
            JsonShape.RejectUnknown(attributes, CreateAttributes, "/data/attributes", "list", problems);
            if (JsonShape.String(attributes, "name", "/data/attributes", problems, out name, required: true, nullable: false) == MemberState.Present &&
                string.IsNullOrWhiteSpace(name))
            {
                problems.Invalid("/data/attributes/name", "'name' must not be blank.");
            }

            if (JsonShape.String(attributes, "opt_in_process", "/data/attributes", problems, out optIn) == MemberState.Present &&
                optIn is not (ListStore.SingleOptIn or ListStore.DoubleOptIn))
            {
                problems.Invalid("/data/attributes/opt_in_process", "'opt_in_process' must be 'double_opt_in' or 'single_opt_in'.");
            }
        }

        if (problems.HasErrors)
        {
            return problems.ToResponse();
        }

        var list = state.Lists.TryCreate(name!, optIn, request.Now, maxCreationsPerDay, out var retryAfter);
        if (list is null)
        {
            int seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
            var error = new JsonApiError(429, "throttled", "Request was throttled.", string.Create(CultureInfo.InvariantCulture,
                $"The daily limit of {maxCreationsPerDay} list creations was reached. Expected available in {seconds} seconds."))
            {
                Pointer = "/data",
            };
            return EmulatorResponse.Error(error).WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }

        return EmulatorResponse.Json(201, ListJson.Single(list, request));
    }

    public EmulatorResponse AddProfiles(EmulatorRequest request) => ChangeMembers(request, add: true);

    public EmulatorResponse RemoveProfiles(EmulatorRequest request) => ChangeMembers(request, add: false);

    public static JsonApiError ListNotFound(string id) =>
        ApiErrors.NotFound($"A list with id {id} does not exist.", parameter: "id");

    private EmulatorResponse ChangeMembers(EmulatorRequest request, bool add)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!JsonApiDocument.TryGetData(request, JsonValueKind.Array, problems, out var data))
        {
            return problems.ToResponse();
        }

        int count = data.GetArrayLength();
        if (count is 0 or > MaxRelationshipProfiles)
        {
            return EmulatorResponse.Error(ApiErrors.Invalid("/data", string.Create(CultureInfo.InvariantCulture,
                $"Between 1 and {MaxRelationshipProfiles} profiles can be sent per call; got {count}.")));
        }

        var ids = new List<string>(count);
        int index = 0;
        foreach (var item in data.EnumerateArray())
        {
            string pointer = JsonShape.Pointer("/data", index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Invalid(pointer, "Each item must be a resource identifier {\"type\":\"profile\",\"id\":...}.");
                continue;
            }

            JsonShape.RejectUnknown(item, IdentifierMembers, pointer, "profile", problems);
            if (JsonShape.ResourceType(item, "profile", pointer, problems) &&
                JsonShape.String(item, "id", pointer, problems, out string? id, required: true, nullable: false) == MemberState.Present)
            {
                ids.Add(id!);
            }
        }

        if (problems.HasErrors)
        {
            return problems.ToResponse();
        }

        if (!state.Lists.Exists(request.RouteId))
        {
            return EmulatorResponse.Error(ListNotFound(request.RouteId));
        }

        int missing = state.Profiles.FirstMissing(ids);
        if (missing >= 0)
        {
            return EmulatorResponse.Error(ProfileEndpoints.ProfileNotFound(ids[missing], JsonShape.Pointer("/data", missing) + "/id"));
        }

        bool found = add
            ? state.Lists.AddMembers(request.RouteId, ids, request.Now)
            : state.Lists.RemoveMembers(request.RouteId, ids, request.Now);
        return found ? EmulatorResponse.Empty(204) : EmulatorResponse.Error(ListNotFound(request.RouteId));
    }
}
