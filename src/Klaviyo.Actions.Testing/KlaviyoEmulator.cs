using System.Collections.Frozen;
using Klaviyo.Actions.Testing.Internal.Endpoints;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.State;
using Microsoft.AspNetCore.Builder;

namespace Klaviyo.Actions.Testing;

/// <summary>
/// An in-process Klaviyo served over real HTTP on <c>127.0.0.1</c>: the endpoints Klaviyo.Actions uses, at revision
/// <c>2026-07-15</c>, with Klaviyo's authentication, revision, media-type, JSON:API shape and limit checks, error bodies
/// and pointers, state (profiles, events, lists, consent, import jobs) and optional rate limits and fault injection.
/// </summary>
/// <remarks>
/// <para>
/// Point any Klaviyo client at <see cref="BaseAddress"/> with <see cref="ApiKey"/>, then assert on the state through the
/// inspection members (<see cref="Profiles"/>, <see cref="Events"/>, <see cref="RequestLog"/>, ...) or over HTTP under
/// <c>/__emulator</c>. The emulator reads requests as plain JSON and checks them on its own, so it shares no code with any
/// client it tests.
/// </para>
/// <para>All members are thread-safe. Inspection members return snapshots.</para>
/// </remarks>
/// <example>
/// <code>
/// var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
/// await using var emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { TimeProvider = time });
/// // Point your Klaviyo client at emulator.BaseAddress with emulator.ApiKey, run the code under test, then:
/// var profile = emulator.FindProfileByEmail("ada@example.org");
/// Assert.That(profile?.FirstName, Is.EqualTo("Ada"));
/// Assert.That(emulator.Events.Count(e => e.MetricName == "Placed Order"), Is.EqualTo(1));
/// </code>
/// </example>
public sealed class KlaviyoEmulator : IAsyncDisposable
{
    private readonly KlaviyoEmulatorOptions _options;
    private readonly EmulatorState _state;
    private readonly IReadOnlyList<EmulatorRoute> _routes;
    private readonly WebApplication _app;
    private Uri? _baseAddress;
    private int _disposed;

    private KlaviyoEmulator(KlaviyoEmulatorOptions options, IReadOnlyList<string> apiKeys)
    {
        _options = options;
        ValidApiKeys = apiKeys;
        AcceptedRevisions = [.. options.AcceptedRevisions];
        _state = new EmulatorState(options);
        AccountId = _state.Ids.Alphanumeric(6);
        _routes = KlaviyoRoutes.Build(_state, options, AccountId);
        var pipeline = new RequestPipeline(
            _state,
            options,
            apiKeys.ToFrozenSet(StringComparer.Ordinal),
            AcceptedRevisions.ToFrozenSet(StringComparer.Ordinal),
            () => BaseAddress);
        _app = EmulatorHost.Build(options, _routes, pipeline, endpoints => InspectionEndpoints.Map(endpoints, this));
    }

    /// <summary>The emulator's address, for example <c>http://127.0.0.1:54321/</c>; Klaviyo paths are below it (<c>api/...</c>).</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>A valid API key: the first of <see cref="KlaviyoEmulatorOptions.ValidApiKeys"/>, or a generated fake key.</summary>
    public string ApiKey => ValidApiKeys[0];

    /// <summary>Every API key the emulator accepts.</summary>
    public IReadOnlyList<string> ValidApiKeys { get; }

    /// <summary>The revisions the emulator accepts in the <c>revision</c> header.</summary>
    public IReadOnlyList<string> AcceptedRevisions { get; }

    /// <summary>The revision to send: the first accepted one (<c>2026-07-15</c> by default).</summary>
    public string Revision => AcceptedRevisions[0];

    /// <summary>The emulated account's id (also its public API key), as <c>GET /api/accounts</c> returns it.</summary>
    public string AccountId { get; }

    /// <summary>Fault injection; change it at any time.</summary>
    public KlaviyoEmulatorFaults Faults => _options.Faults;

    /// <summary>Rate limits; switch them on or off and change limits at any time.</summary>
    public EmulatorRateLimitOptions RateLimiting => _options.RateLimiting;

    /// <summary>All profiles, in creation order.</summary>
    public IReadOnlyList<EmulatedProfile> Profiles => Advanced(() => _state.Profiles.Snapshot());

    /// <summary>All recorded events, in arrival order (duplicates by <c>unique_id</c> are not recorded).</summary>
    public IReadOnlyList<EmulatedEvent> Events => Advanced(() => _state.Events.Snapshot());

    /// <summary>How many events were dropped as duplicates (same profile, metric and <c>unique_id</c> or second).</summary>
    public long DroppedDuplicateEventCount => _state.Events.DuplicatesDropped;

    /// <summary>All lists with their members, in creation order.</summary>
    public IReadOnlyList<EmulatedList> Lists => Advanced(() => _state.Lists.Snapshot());

    /// <summary>All email suppressions of all profiles.</summary>
    public IReadOnlyList<EmulatedSuppression> Suppressions => Advanced(() => _state.Profiles.Suppressions());

    /// <summary>All bulk profile import jobs with their status on the emulator's clock now.</summary>
    public IReadOnlyList<EmulatedImportJob> ImportJobs => Advanced(() => _state.Jobs.Snapshot(Now));

    /// <summary>Data-privacy deletion requests carried out, oldest first.</summary>
    public IReadOnlyList<EmulatedDeletionRequest> DeletionRequests => _state.Deletions.Snapshot();

    /// <summary>
    /// The latest requests on Klaviyo paths (at most <see cref="KlaviyoEmulatorOptions.RequestLogCapacity"/>), oldest
    /// first, with status and bodies.
    /// </summary>
    public IReadOnlyList<EmulatedRequest> RequestLog => _state.Requests.Snapshot();

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>Starts an emulator on 127.0.0.1.</summary>
    /// <param name="options">Settings; <see langword="null"/> uses the defaults (random port, generated key, no rate limits).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<KlaviyoEmulator> StartAsync(KlaviyoEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KlaviyoEmulatorOptions();
        options.Validate();
        if (options.Seed is { } seed && options.Faults.Seed is null)
        {
            options.Faults.Seed = seed;
        }

        IReadOnlyList<string> keys = options.ValidApiKeys.Count > 0 ? [.. options.ValidApiKeys] : [IdGenerator.NewApiKey()];
        var emulator = new KlaviyoEmulator(options, keys);
        try
        {
            await emulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
            emulator._baseAddress = EmulatorHost.BoundAddress(emulator._app);
            return emulator;
        }
        catch
        {
            await emulator._app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> for raw calls: <see cref="BaseAddress"/>, <c>Authorization</c> with
    /// <see cref="ApiKey"/>, <c>revision</c> and <c>Accept: application/vnd.api+json</c>. The caller disposes it.
    /// </summary>
    /// <returns>A new client.</returns>
    public HttpClient CreateHttpClient()
    {
        // The client owns its handler: a test's raw client is short-lived and disposed by the caller.
        var client = new HttpClient(new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + ApiKey);
        client.DefaultRequestHeaders.TryAddWithoutValidation("revision", Revision);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/vnd.api+json");
        return client;
    }

    /// <summary>One profile by id.</summary>
    /// <param name="profileId">The profile id.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    public EmulatedProfile? GetProfile(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        return Advanced(() => _state.Profiles.Get(profileId));
    }

    /// <summary>The profile with an email (compared case-insensitively).</summary>
    /// <param name="email">The email.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    public EmulatedProfile? FindProfileByEmail(string email) => Find(IdentifierKind.Email, email);

    /// <summary>The profile with a phone number (E.164).</summary>
    /// <param name="phoneNumber">The phone number.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    public EmulatedProfile? FindProfileByPhoneNumber(string phoneNumber) => Find(IdentifierKind.PhoneNumber, phoneNumber);

    /// <summary>The profile with an external id.</summary>
    /// <param name="externalId">The external id.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    public EmulatedProfile? FindProfileByExternalId(string externalId) => Find(IdentifierKind.ExternalId, externalId);

    /// <summary>A profile's consent and suppressions.</summary>
    /// <param name="profileId">The profile id.</param>
    /// <returns>The consent, or <see langword="null"/> when the profile does not exist.</returns>
    public EmulatedConsent? GetConsent(string profileId) => GetProfile(profileId)?.Consent;

    /// <summary>Member profile ids of a list, in the order they were added.</summary>
    /// <param name="listId">The list id.</param>
    /// <returns>The members; empty when the list does not exist.</returns>
    public IReadOnlyList<string> GetListMembers(string listId)
    {
        ArgumentNullException.ThrowIfNull(listId);
        return Advanced(() => _state.Lists.MembersOf(listId) ?? []);
    }

    /// <summary>Ids of the lists a profile belongs to.</summary>
    /// <param name="profileId">The profile id.</param>
    /// <returns>The list ids, in list creation order.</returns>
    public IReadOnlyList<string> GetListMemberships(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        return Advanced(() => _state.Lists.ListsOf(profileId));
    }

    /// <summary>Creates a list directly (test setup), bypassing the API and its daily creation cap.</summary>
    /// <param name="name">The list name.</param>
    /// <param name="optInProcess"><c>single_opt_in</c> (default) or <c>double_opt_in</c>.</param>
    /// <returns>The new list.</returns>
    public EmulatedList CreateList(string name, string? optInProcess = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (optInProcess is not (null or ListStore.SingleOptIn or ListStore.DoubleOptIn))
        {
            throw new ArgumentException("optInProcess must be 'single_opt_in' or 'double_opt_in'.", nameof(optInProcess));
        }

        var view = _state.Lists.TryCreate(name, optInProcess, Now, dailyCap: null, out _)!;
        return _state.Lists.Snapshot().First(list => list.Id == view.Id);
    }

    /// <summary>
    /// Forgets everything: profiles, events, lists, consent, import jobs, deletions and the request log; restarts the
    /// rate-limit windows and the daily list count; and clears <see cref="Faults"/>. Options and keys stay.
    /// </summary>
    public void Reset()
    {
        _state.Clear();
        foreach (var operation in _routes.SelectMany(route => route.Operations))
        {
            operation.Limiter.Reset();
        }

        _options.Faults.Clear();
    }

    /// <summary>Stops the emulator and releases the port.</summary>
    /// <returns>A task that completes when the host has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private EmulatedProfile? Find(IdentifierKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Advanced(() => _state.Profiles.Find(kind, value));
    }

    private T Advanced<T>(Func<T> read)
    {
        _state.Jobs.Advance(Now);
        return read();
    }
}
