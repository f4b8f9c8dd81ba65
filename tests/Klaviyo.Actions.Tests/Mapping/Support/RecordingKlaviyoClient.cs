using System.Collections.Concurrent;
using System.Net;
using Klaviyo.Actions;

namespace Klaviyo.Actions.Tests.Mapping.Support;

/// <summary>
/// An in-memory <see cref="IKlaviyoClient"/> that records every request it is given, keeps a set of lists,
/// and can be told to fail. Thread-safe.
/// </summary>
internal sealed class RecordingKlaviyoClient : IKlaviyoClient
{
    private readonly ConcurrentQueue<(string Method, object? Request)> _calls = new();
    private readonly ConcurrentDictionary<string, string> _lists = new(StringComparer.Ordinal);
    private int _nextList;

    /// <summary>Every call, in order: method name and request (list name / id for list calls).</summary>
    public IReadOnlyList<(string Method, object? Request)> Calls => _calls.ToList();

    /// <summary>The action requests sent (not list look-ups).</summary>
    public IReadOnlyList<object> Sent => _calls.Where(c => c.Request is not null and not string).Select(c => c.Request!).ToList();

    /// <summary>Decides per request whether to throw (return null to succeed).</summary>
    public Func<object, Exception?>? FailWhen { get; set; }

    /// <summary>Awaited by CreateListAsync before it completes (lets a test hold creations open).</summary>
    public Task? CreateListGate { get; set; }

    public int Count(string method) => _calls.Count(c => c.Method == method);

    public void AddList(string id, string name) => _lists[id] = name;

    public IReadOnlyDictionary<string, string> Lists => _lists;

    public static KlaviyoApiException ApiError(HttpStatusCode status, string code = "error", string path = "/api/events") =>
        new(status, "POST", path, [new KlaviyoError { Code = code, Status = (int)status, Detail = "detail with jane@example.com" }]);

    public Task<UpsertProfileResult> UpsertProfileAsync(UpsertProfileRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(UpsertProfileAsync), request, () => new UpsertProfileResult("PROFILE_1", true, false, request.ListId));

    public Task<TrackEventResult> TrackEventAsync(TrackEventRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(TrackEventAsync), request, () => new TrackEventResult(request.UniqueId ?? "derived"));

    public Task<OrderCompletedResult> TrackOrderCompletedAsync(OrderCompletedRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(TrackOrderCompletedAsync), request, () => new OrderCompletedResult(request.UniqueId ?? "derived", (request.Products ?? []).Select((_, i) => $"p{i}").ToList()));

    public Task SubscribeProfileAsync(SubscribeProfileRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(SubscribeProfileAsync), request, () => true);

    public Task UnsubscribeProfileAsync(UnsubscribeProfileRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(UnsubscribeProfileAsync), request, () => true);

    public Task<ListMembershipResult> AddProfileToListAsync(AddProfileToListRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(AddProfileToListAsync), request, () => new ListMembershipResult(request.ListId, ["PROFILE_1"]));

    public Task<ListMembershipResult> RemoveProfileFromListAsync(RemoveProfileFromListRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(RemoveProfileFromListAsync), request, () => new ListMembershipResult(request.ListId, ["PROFILE_1"]));

    public Task<ListMembershipResult> RemoveProfileAsync(RemoveProfileRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(RemoveProfileAsync), request, () => new ListMembershipResult(request.ListId, ["PROFILE_1"]));

    public Task<KlaviyoAccount> GetAccountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new KlaviyoAccount("ACCOUNT", "Test", true, null, null));

    public Task RequestProfileDeletionAsync(ProfileDeletionRequest request, CancellationToken cancellationToken = default) =>
        Record(nameof(RequestProfileDeletionAsync), request, () => true);

    public async Task<KlaviyoList> CreateListAsync(string name, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((nameof(CreateListAsync), name));
        if (CreateListGate is { } gate)
        {
            await gate;
        }

        string id = $"NEW{Interlocked.Increment(ref _nextList)}";
        _lists[id] = name;
        return new KlaviyoList(id, name);
    }

    public Task<KlaviyoList> GetListAsync(string listId, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((nameof(GetListAsync), listId));
        return _lists.TryGetValue(listId, out string? name)
            ? Task.FromResult(new KlaviyoList(listId, name))
            : Task.FromException<KlaviyoList>(ApiError(HttpStatusCode.NotFound, "not_found", "/api/lists/" + listId));
    }

    public Task<IReadOnlyList<KlaviyoList>> FindListsByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((nameof(FindListsByNameAsync), name));
        IReadOnlyList<KlaviyoList> found = _lists.Where(l => l.Value == name).Select(l => new KlaviyoList(l.Key, l.Value)).ToList();
        return Task.FromResult(found);
    }

    private Task<T> Record<T>(string method, object request, Func<T> result)
    {
        _calls.Enqueue((method, request));
        return FailWhen?.Invoke(request) is { } error ? Task.FromException<T>(error) : Task.FromResult(result());
    }
}
