using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.State;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>
/// <c>POST /api/profile-subscription-bulk-create-jobs</c> (subscribe, ≤ 1,000 profiles) and
/// <c>POST /api/profile-subscription-bulk-delete-jobs</c> (unsubscribe, ≤ 100 profiles). Both apply at once and answer
/// 202 without a body.
/// </summary>
internal sealed class SubscriptionEndpoints(EmulatorState state)
{
    public const int MaxSubscribe = 1000;
    public const int MaxUnsubscribe = 100;

    private const string ListPointer = "/data/relationships/list/data/id";
    private const string Api = "API";

    private static readonly NameSet NoQuery = NameSet.Of();
    private static readonly NameSet JobMembers = NameSet.Of("type", "attributes", "relationships");
    private static readonly NameSet SubscribeAttributes = NameSet.Of("custom_source", "historical_import", "profiles");
    private static readonly NameSet UnsubscribeAttributes = NameSet.Of("profiles");
    private static readonly NameSet Relationships = NameSet.Of("list");
    private static readonly NameSet DataOnly = NameSet.Of("data");

    /// <summary>Suppression reasons a subscribe removes (Klaviyo: UNSUBSCRIBE, SPAM_REPORT, USER_SUPPRESSED).</summary>
    private static readonly NameSet LiftedSuppressions = NameSet.Of("UNSUBSCRIBE", "SPAM_REPORT", "SPAM_COMPLAINT", "USER_SUPPRESSED");

    public EmulatorResponse Subscribe(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadJob(request, "profile-subscription-bulk-create-job", SubscribeAttributes, problems, out var data, out var attributes))
        {
            return problems.ToResponse();
        }

        JsonShape.String(attributes, "custom_source", "/data/attributes", problems, out string? customSource);
        bool historical = JsonShape.Boolean(attributes, "historical_import", "/data/attributes", problems, out bool flag) == MemberState.Present && flag;
        string? listId = ReadList(data, problems);
        var rows = ReadRows(attributes, subscribe: true, historical, MaxSubscribe, request.Now, problems);
        if (problems.HasErrors)
        {
            return problems.ToResponse();
        }

        if (CheckReferences(rows, listId) is { } referenceError)
        {
            return EmulatorResponse.Error(referenceError);
        }

        if (historical)
        {
            foreach (var row in rows)
            {
                CheckBackdated(row, problems);
            }

            if (problems.HasErrors)
            {
                return problems.ToResponse();
            }
        }

        var list = listId is null ? null : state.Lists.Get(listId);
        bool doubleOptIn = list?.OptInProcess == ListStore.DoubleOptIn && !historical;
        foreach (var row in rows)
        {
            string profileId = Resolve(row, request.Now);
            bool awaiting = false;
            state.Profiles.Change(profileId, record =>
            {
                foreach (var change in row.Changes)
                {
                    var channel = Channel(record, change.Channel);
                    if (change.Channel == ConsentChannel.EmailMarketing && doubleOptIn)
                    {
                        channel.AwaitingDoubleOptIn = true;
                        channel.LastUpdated = request.Now;
                        awaiting = true;
                        continue;
                    }

                    Subscribe(channel, change.ConsentedAt, historical, customSource, request.Now);
                    if (change.Channel == ConsentChannel.EmailMarketing)
                    {
                        record.Suppressions.RemoveAll(suppression => LiftedSuppressions.Contains(suppression.Reason));
                    }
                }
            });

            if (listId is not null && !awaiting)
            {
                state.Lists.AddMembers(listId, [profileId], request.Now);
            }
        }

        return EmulatorResponse.Empty(202);
    }

    public EmulatorResponse Unsubscribe(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, NoQuery) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        var problems = new Problems();
        if (!ReadJob(request, "profile-subscription-bulk-delete-job", UnsubscribeAttributes, problems, out var data, out var attributes))
        {
            return problems.ToResponse();
        }

        string? listId = ReadList(data, problems);
        var rows = ReadRows(attributes, subscribe: false, historicalImport: false, MaxUnsubscribe, request.Now, problems);
        if (problems.HasErrors)
        {
            return problems.ToResponse();
        }

        if (CheckReferences(rows, listId) is { } referenceError)
        {
            return EmulatorResponse.Error(referenceError);
        }

        foreach (var row in rows)
        {
            string profileId = Resolve(row, request.Now);
            if (listId is not null && state.Lists.IsMember(listId, profileId))
            {
                // A member of the given list leaves that list; everyone else is unsubscribed globally.
                state.Lists.RemoveMembers(listId, [profileId], request.Now);
                continue;
            }

            state.Profiles.Change(profileId, record =>
            {
                foreach (var change in row.Changes)
                {
                    var channel = Channel(record, change.Channel);
                    channel.Status = EmulatedConsentStatus.Unsubscribed;
                    channel.LastUpdated = request.Now;
                    channel.UnsubscribedAt = request.Now;
                    channel.Method = Api;
                    channel.AwaitingDoubleOptIn = false;
                    if (change.Channel == ConsentChannel.EmailMarketing && !record.Suppressions.Exists(s => s.Reason == "UNSUBSCRIBE"))
                    {
                        record.Suppressions.Add(new EmulatedSuppression(record.Id, record.Email, "UNSUBSCRIBE", request.Now));
                    }
                }
            });
        }

        return EmulatorResponse.Empty(202);
    }

    private static bool ReadJob(
        EmulatorRequest request, string type, NameSet allowedAttributes, Problems problems, out JsonElement data, out JsonElement attributes)
    {
        attributes = default;
        if (!JsonApiDocument.TryGetResource(request, type, problems, out data))
        {
            return false;
        }

        JsonShape.RejectUnknown(data, JobMembers, "/data", type, problems);
        if (JsonShape.Object(data, "attributes", "/data", problems, out attributes, required: true) != MemberState.Present)
        {
            return false;
        }

        JsonShape.RejectUnknown(attributes, allowedAttributes, "/data/attributes", type, problems);
        return true;
    }

    private static string? ReadList(JsonElement data, Problems problems)
    {
        if (JsonShape.Object(data, "relationships", "/data", problems, out var relationships, nullable: true) != MemberState.Present)
        {
            return null;
        }

        JsonShape.RejectUnknown(relationships, Relationships, "/data/relationships", "relationships", problems);
        if (JsonShape.Object(relationships, "list", "/data/relationships", problems, out var list, nullable: true) != MemberState.Present)
        {
            return null;
        }

        JsonShape.RejectUnknown(list, DataOnly, "/data/relationships/list", "list", problems);
        return JsonShape.RelationshipId(list, "list", "/data/relationships/list", problems);
    }

    private static List<SubscriptionRow> ReadRows(
        JsonElement attributes, bool subscribe, bool historicalImport, int max, DateTimeOffset now, Problems problems)
    {
        var rows = new List<SubscriptionRow>();
        if (JsonShape.Object(attributes, "profiles", "/data/attributes", problems, out var wrapper, required: true) != MemberState.Present)
        {
            return rows;
        }

        JsonShape.RejectUnknown(wrapper, DataOnly, "/data/attributes/profiles", "profiles", problems);
        if (JsonShape.Array(wrapper, "data", "/data/attributes/profiles", problems, out var profiles, required: true) != MemberState.Present)
        {
            return rows;
        }

        int count = profiles.GetArrayLength();
        if (count is 0 || count > max)
        {
            problems.Invalid("/data/attributes/profiles/data", string.Create(CultureInfo.InvariantCulture,
                $"Between 1 and {max} profiles can be submitted per request; got {count}."));
            return rows;
        }

        int index = 0;
        foreach (var profile in profiles.EnumerateArray())
        {
            string pointer = JsonShape.Pointer("/data/attributes/profiles/data", index++);
            if (SubscriptionsReader.ReadRow(profile, pointer, subscribe, historicalImport, now, problems) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private JsonApiError? CheckReferences(List<SubscriptionRow> rows, string? listId)
    {
        foreach (var row in rows)
        {
            if (row.Id is { } id && !state.Profiles.Exists(id))
            {
                return ApiErrors.Invalid(row.Pointer + "/id", $"A profile with id {id} does not exist.");
            }
        }

        return listId is not null && !state.Lists.Exists(listId)
            ? ApiErrors.Invalid(ListPointer, $"List not found with id {listId}")
            : null;
    }

    /// <summary>A backdated subscribe older than a later unsubscribe is refused, as Klaviyo does.</summary>
    private void CheckBackdated(SubscriptionRow row, Problems problems)
    {
        var write = Write(row);
        foreach (var change in row.Changes)
        {
            if (change.ConsentedAt is not { } consentedAt)
            {
                continue;
            }

            var unsubscribedAt = state.Profiles.PeekActivityTarget(row.Id, write, record =>
                record is null ? null : Channel(record, change.Channel).UnsubscribedAt);
            if (unsubscribedAt is { } unsubscribed && consentedAt < unsubscribed)
            {
                problems.Invalid(
                    change.Pointer + "/consented_at",
                    $"The backdated consent date {JsonWriting.Timestamp(consentedAt)} is before the current unsubscription date {JsonWriting.Timestamp(unsubscribed)}.");
            }
        }
    }

    private string Resolve(SubscriptionRow row, DateTimeOffset now) =>
        state.Profiles.ResolveForActivity(row.Id, Write(row), now) ?? throw new InvalidOperationException("The profile was deleted while subscribing.");

    private static ProfileWrite Write(SubscriptionRow row) => new()
    {
        Email = row.Email is null ? default : new FieldPatch(row.Email),
        PhoneNumber = row.PhoneNumber is null ? default : new FieldPatch(row.PhoneNumber),
    };

    private static void Subscribe(ChannelConsentRecord channel, DateTimeOffset? consentedAt, bool historical, string? source, DateTimeOffset now)
    {
        if (historical && channel.Status == EmulatedConsentStatus.Subscribed)
        {
            return; // an already subscribed profile keeps its consent timestamp
        }

        channel.Status = EmulatedConsentStatus.Subscribed;
        channel.ConsentedAt = consentedAt ?? now;
        channel.LastUpdated = now;
        channel.Method = Api;
        channel.CustomSource = source;
        channel.HistoricalImport = historical;
        channel.AwaitingDoubleOptIn = false;
    }

    private static ChannelConsentRecord Channel(ProfileRecord record, ConsentChannel channel) => channel switch
    {
        ConsentChannel.EmailMarketing => record.EmailMarketing,
        ConsentChannel.SmsMarketing => record.SmsMarketing,
        _ => record.SmsTransactional,
    };
}
