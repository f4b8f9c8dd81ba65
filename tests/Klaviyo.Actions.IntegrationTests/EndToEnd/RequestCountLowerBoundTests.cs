using System.Text.Json;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// Issue 8's count target, read from the emulator's request log: clean batched input of N items per endpoint and
/// list costs exactly ceil(N / endpoint limit) requests there (plus one poll per import job when tracking is on).
/// N is limit × k + 1 so every endpoint ends on a one-item request. The unit tests in Batching check chunk sizes
/// against fake endpoints; these check what actually reaches a Klaviyo-shaped server over HTTP.
/// </summary>
public class RequestCountLowerBoundTests
{
    private const int Profiles = (2 * KlaviyoBulkLimits.MaxProfilesPerImportJob) + 1;          // 20,001 → 3 jobs
    private const int ListAddsPerList = KlaviyoBulkLimits.MaxProfilesPerImportJob + 1;        // 10,001 → 2 jobs per list
    private const int Events = (2 * KlaviyoBulkLimits.MaxEventsPerBulkCreate) + 1;            // 2,001 → 3 requests
    private const int SubscribesPerList = KlaviyoBulkLimits.MaxProfilesPerSubscribe + 1;       // 1,001 → 2 per list
    private const int UnsubscribesPerList = (2 * KlaviyoBulkLimits.MaxProfilesPerUnsubscribe) + 1; // 201 → 3 per list
    private const int RemovalsPerList = KlaviyoBulkLimits.MaxProfileIdsPerListChange + 1;     // 1,001 → 2 per list

    private FakeTimeProvider _time = null!;
    private KlaviyoEmulator _emulator = null!;
    private string _listA = null!;
    private string _listB = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
        _emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions
        {
            TimeProvider = _time,
            ImportJobQueuedTime = TimeSpan.Zero,
            ImportJobProcessingTime = TimeSpan.Zero,
            RequestLogCapacity = 10_000,
            RequestLogBodyLimit = 6_000_000,
        });
        _listA = _emulator.CreateList("Count A").Id;
        _listB = _emulator.CreateList("Count B").Id;
    }

    [TearDown]
    public async Task StopAsync() => await _emulator.DisposeAsync();

    [Test]
    public async Task Bulk_client_issues_the_lower_bound_per_endpoint_and_list_plus_one_poll_per_tracked_job()
    {
        var client = Client(o => o.Batching.JobPollInterval = TimeSpan.FromMilliseconds(1));

        var sent = await client.Bulk.SendAsync(CleanInput(), new KlaviyoBulkCallOptions { TrackImportJobs = true });
        var removed = await client.Bulk.SendAsync(Removals());

        Assert.Multiple(() =>
        {
            Assert.That(sent.AllAccepted, Is.True, sent.ToString());
            Assert.That(removed.AllAccepted, Is.True, removed.ToString());
            Assert.That(RequestsByEndpointAndList(), Is.EquivalentTo(LowerBound(importJobPolls: true)), PostedRequests());
            var membersOfA = _emulator.GetListMembers(_listA);
            Assert.That(membersOfA, Does.Not.Contain(ProfileId(0)).And.Not.Contain(ProfileId(RemovalsPerList - 1)), "removed");
            Assert.That(membersOfA, Does.Contain(ProfileId(RemovalsPerList)), "the first member not removed");
        });
    }

    [Test]
    public async Task Queue_with_default_options_issues_the_lower_bound()
    {
        // Default batching options: each endpoint and list is sent on its own when it holds a full Klaviyo request
        // (10,000 profiles, 1,000 events, ...), and the rest on FlushAsync. The client runs on the test's clock, so the
        // default 5-second delay cannot split a group however slowly this machine enqueues.
        var client = Client(_ => { }, _time);
        var options = new KlaviyoBatchingOptions();
        Assert.That((options.MaxBatchItems, options.MaxBatchBytes), Is.EqualTo(((int?)null, (int?)null)), "no user caps by default");
        await using var batcher = new KlaviyoBatcher(client, options);

        // The queue keeps each person's state-setting actions in sequence (an action waits for the previous one of its
        // person), so the lower bound is for input in which a person has one state action per flush.
        var handles = new List<Task<KlaviyoItemOutcome>>();
        foreach (var item in CleanInput(onePersonOneAction: true))
        {
            handles.Add(await batcher.EnqueueAsync(item));
        }

        await batcher.FlushAsync();
        foreach (var item in Removals(onePersonOneAction: true))
        {
            handles.Add(await batcher.EnqueueAsync(item));
        }

        await batcher.FlushAsync();
        var outcomes = await Task.WhenAll(handles);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o.Status != KlaviyoItemStatus.Accepted), Is.Zero);
            Assert.That(RequestsByEndpointAndList(), Is.EquivalentTo(LowerBound(importJobPolls: false)), PostedRequests());
        });
    }

    private string ProfileId(int i) => _emulator.FindProfileByEmail(Email(i))?.Id ?? throw new AssertionException($"no profile for {Email(i)}");

    private static int Ceiling(int items, int limit) => (items + limit - 1) / limit;

    private static string Email(int i) => $"count{i}@shop-demo.test";

    private Dictionary<string, int> LowerBound(bool importJobPolls)
    {
        int profileJobs = Ceiling(Profiles, KlaviyoBulkLimits.MaxProfilesPerImportJob);
        int listJobs = Ceiling(ListAddsPerList, KlaviyoBulkLimits.MaxProfilesPerImportJob);
        var expected = new Dictionary<string, int>
        {
            ["POST /api/profile-bulk-import-jobs"] = profileJobs,
            [$"POST /api/profile-bulk-import-jobs list={_listA}"] = listJobs,
            [$"POST /api/profile-bulk-import-jobs list={_listB}"] = listJobs,
            ["POST /api/event-bulk-create-jobs"] = Ceiling(Events, KlaviyoBulkLimits.MaxEventsPerBulkCreate),
            [$"POST /api/profile-subscription-bulk-create-jobs list={_listA}"] = Ceiling(SubscribesPerList, KlaviyoBulkLimits.MaxProfilesPerSubscribe),
            [$"POST /api/profile-subscription-bulk-create-jobs list={_listB}"] = Ceiling(SubscribesPerList, KlaviyoBulkLimits.MaxProfilesPerSubscribe),
            [$"POST /api/profile-subscription-bulk-delete-jobs list={_listA}"] = Ceiling(UnsubscribesPerList, KlaviyoBulkLimits.MaxProfilesPerUnsubscribe),
            [$"POST /api/profile-subscription-bulk-delete-jobs list={_listB}"] = Ceiling(UnsubscribesPerList, KlaviyoBulkLimits.MaxProfilesPerUnsubscribe),
            // Removals by email: the ids are looked up 100 distinct emails at a time (page size 100), then removed.
            ["GET /api/profiles"] = Ceiling(2 * RemovalsPerList, 100),
            [$"DELETE /api/lists/{_listA}/relationships/profiles"] = Ceiling(RemovalsPerList, KlaviyoBulkLimits.MaxProfileIdsPerListChange),
            [$"DELETE /api/lists/{_listB}/relationships/profiles"] = Ceiling(RemovalsPerList, KlaviyoBulkLimits.MaxProfileIdsPerListChange),
        };
        if (importJobPolls)
        {
            // Jobs finish at once here, so each is read exactly once; no job has import errors to page through.
            expected["GET /api/profile-bulk-import-jobs/{id}"] = profileJobs + (2 * listJobs);
        }

        return expected;
    }

    /// <summary>Clean input for every endpoint; with <paramref name="onePersonOneAction"/>, each action family names its own people.</summary>
    private IEnumerable<KlaviyoBatchItem> CleanInput(bool onePersonOneAction = false)
    {
        string Person(int family, int i) => Email(onePersonOneAction ? (family * 100_000) + i : i);
        var time = _time.GetUtcNow().AddMinutes(-5);
        for (int i = 0; i < Profiles; i++)
        {
            yield return new UpsertProfileRequest { Email = Email(i), FirstName = "P" + i };
        }

        for (int i = 0; i < ListAddsPerList; i++)
        {
            yield return new AddProfileToListRequest { ListId = _listA, Email = Person(1, i) };
            yield return new AddProfileToListRequest { ListId = _listB, Email = Person(2, Profiles - 1 - i) };
        }

        for (int i = 0; i < Events; i++)
        {
            yield return new TrackEventRequest
            {
                Profile = new EventProfile { Email = Email(i) },
                MetricName = "Product Viewed",
                Time = time,
                UniqueId = "count-evt-" + i,
            };
        }

        for (int i = 0; i < SubscribesPerList; i++)
        {
            yield return new SubscribeProfileRequest { ListId = _listA, Email = Person(3, i) };
            yield return new SubscribeProfileRequest { ListId = _listB, Email = Person(4, Profiles - 1 - i) };
        }

        for (int i = 0; i < UnsubscribesPerList; i++)
        {
            yield return new UnsubscribeProfileRequest { ListId = _listA, Email = Person(5, 5_000 + i) };
            yield return new UnsubscribeProfileRequest { ListId = _listB, Email = Person(6, 15_000 + i) };
        }
    }

    /// <summary>List members of the first call, by email: list A from the front, list B from the back.</summary>
    private IEnumerable<KlaviyoBatchItem> Removals(bool onePersonOneAction = false)
    {
        for (int i = 0; i < RemovalsPerList; i++)
        {
            yield return new RemoveProfileFromListRequest { ListId = _listA, Email = Email(onePersonOneAction ? 100_000 + i : i) };
            yield return new RemoveProfileFromListRequest { ListId = _listB, Email = Email(onePersonOneAction ? 200_000 + Profiles - 1 - i : Profiles - 1 - i) };
        }
    }

    private KlaviyoClient Client(Action<KlaviyoClientOptions> configure, TimeProvider? timeProvider = null)
    {
        var options = new KlaviyoClientOptions { ApiKey = _emulator.ApiKey, BaseAddress = _emulator.BaseAddress };
        options.RateLimiting.Enabled = false;
        configure(options);
        return new KlaviyoClient(options, timeProvider: timeProvider);
    }

    /// <summary>
    /// <c>METHOD /path</c> per logged request (job ids as <c>{id}</c>), with <c>list=ID</c> when the body relates the
    /// request to a list (import jobs, subscribe, unsubscribe).
    /// </summary>
    private Dictionary<string, int> RequestsByEndpointAndList()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var request in _emulator.RequestLog)
        {
            string path = request.Path.StartsWith("/api/profile-bulk-import-jobs/", StringComparison.Ordinal)
                ? "/api/profile-bulk-import-jobs/{id}"
                : request.Path;
            string key = $"{request.Method} {path}";
            if (request.Method == "POST" && request.Body is { } body && RelatedList(body) is { } list)
            {
                key += " list=" + list;
            }

            counts[key] = counts.TryGetValue(key, out int n) ? n + 1 : 1;
        }

        return counts;
    }

    /// <summary>Each logged POST with its list, status and profile count: says where a count went wrong.</summary>
    private string PostedRequests()
    {
        var lines = new System.Text.StringBuilder("requests in order:\n");
        foreach (var request in _emulator.RequestLog)
        {
            if (request.Method != "POST" || request.Body is null)
            {
                continue;
            }

            using var document = JsonDocument.Parse(request.Body);
            string profiles = document.RootElement.GetProperty("data").TryGetProperty("attributes", out var attributes) &&
                attributes.TryGetProperty("profiles", out var rows) && rows.TryGetProperty("data", out var data)
                ? data.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "-";
            lines.Append(request.Path).Append(" list=").Append(RelatedList(request.Body) ?? "-")
                .Append(" status=").Append(request.StatusCode).Append(" profiles=").Append(profiles).Append('\n');
        }

        return lines.ToString();
    }

    private static string? RelatedList(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("data", out var data) ||
            !data.TryGetProperty("relationships", out var relationships))
        {
            return null;
        }

        foreach (string name in (string[])["lists", "list"])
        {
            if (relationships.TryGetProperty(name, out var relation) && relation.TryGetProperty("data", out var target))
            {
                var first = target.ValueKind == JsonValueKind.Array ? target[0] : target;
                return first.GetProperty("id").GetString();
            }
        }

        return null;
    }
}
