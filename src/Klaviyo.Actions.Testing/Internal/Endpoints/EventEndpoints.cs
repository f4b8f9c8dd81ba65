using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary><c>POST /api/events</c> and <c>POST /api/event-bulk-create-jobs</c>.</summary>
internal sealed class EventEndpoints(EmulatorState state, bool dropTestDomains)
{
    public const int MaxBulkEvents = 1000;

    private const string RowsPointer = "/data/attributes/events-bulk-create/data";
    private static readonly NameSet NoQuery = NameSet.Of();
    private static readonly NameSet EventMembers = NameSet.Of("type", "attributes");
    private static readonly NameSet BulkAttributes = NameSet.Of("events-bulk-create");
    private static readonly NameSet RowAttributes = NameSet.Of("profile", "events", "backfill");
    private static readonly NameSet ListMembers = NameSet.Of("data");

    public EmulatorResponse Create(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!JsonApiDocument.TryGetResource(request, "event", problems, out var data))
        {
            return problems.ToResponse();
        }

        JsonShape.RejectUnknown(data, EventMembers, "/data", "event", problems);
        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) != MemberState.Present)
        {
            return problems.ToResponse();
        }

        // Checked first without building pointers; only a request with problems is checked again to point at them.
        var parsed = ReadSingle(attributes, JsonShape.Silent, request.Now, problems, out string? id, out var write);
        if (problems.HasErrors)
        {
            problems = new Problems();
            JsonShape.RejectUnknown(data, EventMembers, "/data", "event", problems);
            ReadSingle(attributes, "/data/attributes", request.Now, problems, out _, out _);
            return problems.ToResponse();
        }

        if (IsDropped(write!))
        {
            return EmulatorResponse.Empty(202);
        }

        string? profileId = state.Profiles.ResolveForActivity(id, write!, request.Now);
        if (profileId is null)
        {
            return EmulatorResponse.Error(ProfileEndpoints.ProfileNotFound(id!, "/data/attributes/profile/data/id"));
        }

        Record(profileId, parsed!, rowBackfill: null, bulk: false, request.Now);
        return EmulatorResponse.Empty(202);
    }

    public EmulatorResponse BulkCreate(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadRowsArray(request, problems, out var rows))
        {
            return problems.ToResponse();
        }

        int total = CountEvents(rows);
        if (total > MaxBulkEvents)
        {
            return EmulatorResponse.Error(ApiErrors.Invalid(RowsPointer, string.Create(CultureInfo.InvariantCulture,
                $"Bulk create accepts up to {MaxBulkEvents} events per request; got {total}.")));
        }

        // Checked first without building pointers; only a request with problems is checked again to point at them.
        var accepted = ReadRows(rows, silent: true, request.Now, problems);
        if (problems.HasErrors)
        {
            problems = new Problems();
            ReadRows(rows, silent: false, request.Now, problems);
            return problems.ToResponse();
        }

        foreach (var row in accepted)
        {
            if (IsDropped(row.Write))
            {
                continue;
            }

            string? profileId = state.Profiles.ResolveForActivity(row.Id, row.Write, request.Now);
            if (profileId is null)
            {
                continue; // deleted between the check and now; Klaviyo would drop the row later too
            }

            foreach (var item in row.Events)
            {
                Record(profileId, item, row.Backfill, bulk: true, request.Now);
            }
        }

        return EmulatorResponse.Empty(202);
    }

    private static ParsedEvent? ReadSingle(
        JsonElement attributes, string pointer, DateTimeOffset now, Problems problems, out string? id, out ProfileWrite? write)
    {
        id = null;
        write = null;
        var parsed = EventAttributesReader.Read(attributes, pointer, bulk: false, now, problems);
        if (JsonShape.Object(attributes, "profile", pointer, problems, out var profile, required: true) == MemberState.Present)
        {
            EventProfileReader.Read(profile, JsonShape.Pointer(pointer, "profile"), bulk: false, problems, out id, out write);
        }

        return parsed;
    }

    private List<BulkRow> ReadRows(JsonElement rows, bool silent, DateTimeOffset now, Problems problems)
    {
        var accepted = new List<BulkRow>(rows.GetArrayLength());
        var uniqueIds = new HashSet<(string Profile, string Metric, string UniqueId)>();
        int index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            string pointer = silent ? JsonShape.Silent : JsonShape.Pointer(RowsPointer, index);
            if (ReadRow(row, pointer, now, problems, uniqueIds) is { } bulkRow)
            {
                accepted.Add(bulkRow);
            }

            index++;
        }

        return accepted;
    }

    private static bool ReadRowsArray(EmulatorRequest request, Problems problems, out JsonElement rows)
    {
        rows = default;
        if (!JsonApiDocument.TryGetResource(request, "event-bulk-create-job", problems, out var data))
        {
            return false;
        }

        JsonShape.RejectUnknown(data, EventMembers, "/data", "event-bulk-create-job", problems);
        if (JsonShape.Object(data, "attributes", "/data", problems, out var attributes, required: true) != MemberState.Present)
        {
            return false;
        }

        JsonShape.RejectUnknown(attributes, BulkAttributes, "/data/attributes", "event-bulk-create-job", problems);
        if (JsonShape.Object(attributes, "events-bulk-create", "/data/attributes", problems, out var wrapper, required: true) != MemberState.Present)
        {
            return false;
        }

        JsonShape.RejectUnknown(wrapper, ListMembers, "/data/attributes/events-bulk-create", "events-bulk-create", problems);
        if (JsonShape.Array(wrapper, "data", "/data/attributes/events-bulk-create", problems, out rows, required: true) != MemberState.Present)
        {
            return false;
        }

        if (rows.GetArrayLength() == 0)
        {
            problems.Invalid(RowsPointer, "'data' must contain at least one event-bulk-create entry.");
        }

        return !problems.HasErrors;
    }

    private static int CountEvents(JsonElement rows)
    {
        int total = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind == JsonValueKind.Object &&
                row.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object &&
                attributes.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Object &&
                events.TryGetProperty("data", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                total += list.GetArrayLength();
            }
        }

        return total;
    }

    private BulkRow? ReadRow(
        JsonElement row,
        string pointer,
        DateTimeOffset now,
        Problems problems,
        HashSet<(string Profile, string Metric, string UniqueId)> uniqueIds)
    {
        int before = problems.Count;
        if (row.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid(pointer, "Each entry must be an object.");
            return null;
        }

        JsonShape.RejectUnknown(row, EventMembers, pointer, "event-bulk-create", problems);
        if (!JsonShape.ResourceType(row, "event-bulk-create", pointer, problems) ||
            JsonShape.Object(row, "attributes", pointer, problems, out var attributes, required: true) != MemberState.Present)
        {
            return null;
        }

        string attributesPointer = JsonShape.Pointer(pointer, "attributes");
        JsonShape.RejectUnknown(attributes, RowAttributes, attributesPointer, "event-bulk-create", problems);
        bool? backfill = JsonShape.Boolean(attributes, "backfill", attributesPointer, problems, out bool flag) == MemberState.Present ? flag : null;

        string? id = null;
        ProfileWrite? write = null;
        if (JsonShape.Object(attributes, "profile", attributesPointer, problems, out var profile, required: true) == MemberState.Present &&
            EventProfileReader.Read(profile, JsonShape.Pointer(attributesPointer, "profile"), bulk: true, problems, out id, out write) &&
            id is not null && !state.Profiles.Exists(id))
        {
            problems.Invalid(attributesPointer + "/profile/data/id", $"A profile with id {id} does not exist.");
        }

        var events = ReadEvents(attributes, attributesPointer, now, problems);
        if (problems.Count != before)
        {
            return null;
        }

        string identity = EventProfileReader.IdentityKey(id, write!);
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i].UniqueId is { } uniqueId && !uniqueIds.Add((identity, events[i].MetricName, uniqueId)))
            {
                problems.Invalid(
                    attributesPointer + "/events/data/" + i.ToString(CultureInfo.InvariantCulture) + "/attributes/unique_id",
                    $"The unique_id '{uniqueId}' is repeated for the same profile and metric; the request fails and no events are processed.");
            }
        }

        return problems.Count == before ? new BulkRow(id, write!, events, backfill) : null;
    }

    private static List<ParsedEvent> ReadEvents(JsonElement attributes, string pointer, DateTimeOffset now, Problems problems)
    {
        var events = new List<ParsedEvent>();
        if (JsonShape.Object(attributes, "events", pointer, problems, out var wrapper, required: true) != MemberState.Present)
        {
            return events;
        }

        string wrapperPointer = JsonShape.Pointer(pointer, "events");
        JsonShape.RejectUnknown(wrapper, ListMembers, wrapperPointer, "events", problems);
        if (JsonShape.Array(wrapper, "data", wrapperPointer, problems, out var list, required: true) != MemberState.Present)
        {
            return events;
        }

        string listPointer = JsonShape.Pointer(wrapperPointer, "data");
        if (list.GetArrayLength() == 0)
        {
            problems.Invalid(listPointer, "'data' must contain at least one event.");
        }

        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            string itemPointer = JsonShape.Pointer(listPointer, index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Invalid(itemPointer, "Each event must be an object.");
                continue;
            }

            JsonShape.RejectUnknown(item, EventMembers, itemPointer, "event", problems);
            if (JsonShape.ResourceType(item, "event", itemPointer, problems) &&
                JsonShape.Object(item, "attributes", itemPointer, problems, out var eventAttributes, required: true) == MemberState.Present &&
                EventAttributesReader.Read(eventAttributes, JsonShape.Pointer(itemPointer, "attributes"), bulk: true, now, problems) is { } parsed)
            {
                events.Add(parsed);
            }
        }

        return events;
    }

    private bool IsDropped(ProfileWrite write) =>
        dropTestDomains && write.Email.Value is { } email && IdentifierRules.IsTestDomain(email);

    private void Record(string profileId, ParsedEvent parsed, bool? rowBackfill, bool bulk, DateTimeOffset now)
    {
        var time = Timestamps.TruncateToSecond(parsed.Time ?? now);
        var item = new EmulatedEvent
        {
            Id = state.Ids.Ulid(now),
            ProfileId = profileId,
            MetricName = parsed.MetricName,
            MetricId = state.Metrics.IdFor(parsed.MetricName, now),
            MetricService = parsed.MetricService,
            Time = time,
            Properties = parsed.Properties,
            Value = parsed.Value,
            ValueCurrency = parsed.ValueCurrency,
            UniqueId = parsed.UniqueId,
            Backfill = parsed.Backfill ?? rowBackfill ?? false,
            FromBulk = bulk,
            ReceivedAt = now,
        };
        if (state.Events.TryAdd(item))
        {
            state.Profiles.RecordEventTime(profileId, time);
        }
    }

    private sealed record BulkRow(string? Id, ProfileWrite Write, List<ParsedEvent> Events, bool? Backfill);
}
