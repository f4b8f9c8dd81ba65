using System.Runtime.CompilerServices;
using Klaviyo.Actions.Mapping.Classic;
using Klaviyo.Actions.Mapping.Engage;
using Klaviyo.Actions.Mapping.ReverseEtl;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Segment's "Klaviyo (Actions)" destination without Segment: holds settings and up to 50 mappings and routes
/// Segment events (or Reverse ETL records) to the matching actions, returning per event and per mapping what
/// happened — sent, skipped, invalid with reasons, or failed. One bad event never stops the others.
/// </summary>
/// <remarks>
/// <para>For each event, each mapping in order: disabled → skipped; trigger not matched → skipped; otherwise the
/// field mapping is resolved (mapping-kit), empty values removed, types coerced and the typed request built; a
/// mapping-level problem (unknown directive, required field missing, value of the wrong type) or a failed
/// <see cref="Validation.KlaviyoRequestValidator"/> check gives an invalid outcome; otherwise the action is sent
/// through the dispatcher, and an exception gives a failed outcome.</para>
/// <para>Engage: for Add/Remove Profile to/from List on an audience event (<c>context.personas</c>), the audience's
/// Klaviyo list is found (<c>audience_settings.listId</c>, an existing <c>external_audience_id</c>, or the list named
/// after <c>computation_key</c>) or created on the first "Audience Entered", once per audience, and handed to the
/// mapping as <c>context.personas.external_audience_id</c>, as Segment's audience hooks do.
/// A mapping whose <c>list_id</c> does not read <c>context.personas</c> uses its own list and skips this.
/// User-property audiences (Engage sending identify calls with <c>&lt;audience_key&gt;: true/false</c> traits) are
/// the classic path: map the trait into Upsert Profile's <c>properties</c> and build a Klaviyo segment on it.</para>
/// <para>Thread-safe; keep one instance per configuration.</para>
/// </remarks>
public sealed class KlaviyoDestination
{
    private const string ClassicMappingName = "classic";
    private const string AnonymousKeyPrefix = "\0anonymous:";

    private readonly IKlaviyoActionDispatcher _dispatcher;
    private readonly TimeProvider? _timeProvider;
    private readonly int _maxConcurrency;
    private readonly IDispatchStallListener? _stall;
    private readonly AudienceListResolver _audiences;
    private readonly StaticListHookRunner _listHooks;

    /// <summary>Creates the destination.</summary>
    /// <param name="configuration">Settings and mappings.</param>
    /// <param name="client">The Klaviyo client (used for list look-ups and, unless a dispatcher is configured, sending).</param>
    /// <param name="options">Concurrency, dispatcher and clock.</param>
    public KlaviyoDestination(DestinationConfiguration configuration, IKlaviyoClient client, KlaviyoDestinationOptions? options = null)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        ArgumentNullException.ThrowIfNull(client);
        options ??= new KlaviyoDestinationOptions();
        _dispatcher = options.Dispatcher ?? new KlaviyoClientDispatcher(client);
        _timeProvider = options.TimeProvider;
        _maxConcurrency = options.MaxConcurrency;
        _stall = _dispatcher as IDispatchStallListener;
        _audiences = new AudienceListResolver(client);
        _listHooks = new StaticListHookRunner(client);
    }

    /// <summary>The configuration.</summary>
    public DestinationConfiguration Configuration { get; }

    /// <summary>Routes one event to every event mapping.</summary>
    /// <param name="segmentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels routing (outcomes already sent stay sent).</param>
    /// <returns>One outcome per mapping.</returns>
    public Task<EventResult> SendAsync(SegmentEvent segmentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentEvent);
        return ProcessEventAsync(0, segmentEvent, cancellationToken);
    }

    /// <summary>Reads and routes one event given as JSON; an unreadable event gives a result with <see cref="EventResult.Error"/>.</summary>
    /// <param name="json">The event JSON.</param>
    /// <param name="cancellationToken">Cancels routing.</param>
    public Task<EventResult> SendJsonAsync(string? json, CancellationToken cancellationToken = default) =>
        ProcessJsonAsync(0, json, cancellationToken);

    /// <summary>Routes many events with bounded concurrency (same-user events stay in order); results in input order.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels routing.</param>
    public async Task<IReadOnlyList<EventResult>> SendAllAsync(IEnumerable<SegmentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new List<EventResult>();
        await foreach (var result in SendAllAsync(ToAsync(events), cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Routes a stream of events with bounded concurrency (same-user events stay in order); results stream in input order.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels routing.</param>
    public IAsyncEnumerable<EventResult> SendAllAsync(IAsyncEnumerable<SegmentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return KeyedConcurrentRunner.RunAsync(
            events,
            (e, i) => e is null ? null : UserKey(e),
            (e, i, ct) => e is null ? Task.FromResult(Unreadable(i, new SegmentEventException("$", "required", "no event was given"))) : ProcessEventAsync(i, e, ct),
            _maxConcurrency,
            _stall,
            cancellationToken);
    }

    /// <summary>Reads and routes many events given as JSON (for example lines of a file); unreadable ones give results with an error.</summary>
    /// <param name="jsonEvents">The events' JSON.</param>
    /// <param name="cancellationToken">Cancels routing.</param>
    public IAsyncEnumerable<EventResult> SendJsonAllAsync(IAsyncEnumerable<string?> jsonEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonEvents);
        return KeyedConcurrentRunner.RunAsync(
            ParseAll(jsonEvents, cancellationToken),
            (p, i) => p.Event is null ? null : UserKey(p.Event),
            (p, i, ct) => p.Event is null ? Task.FromResult(Unreadable(i, p.Error!)) : ProcessEventAsync(i, p.Event, ct),
            _maxConcurrency,
            _stall,
            cancellationToken);
    }

    /// <summary>Routes Reverse ETL records to the Reverse ETL mappings whose change types include the record's.</summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancels routing.</param>
    public async Task<IReadOnlyList<EventResult>> SendReverseEtlAsync(IEnumerable<ReverseEtlRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new List<EventResult>();
        var stream = KeyedConcurrentRunner.RunAsync(
            ToAsync(records),
            (r, i) => r?.RecordId is { } id ? "record:" + id : null,
            (r, i, ct) => r is null ? Task.FromResult(Unreadable(i, new SegmentEventException("$", "required", "no record was given"))) : ProcessRecordAsync(i, r, ct),
            _maxConcurrency,
            _stall,
            cancellationToken);
        await foreach (var result in stream.ConfigureAwait(false))
        {
            results.Add(result);
        }

        return results;
    }

    private async Task<EventResult> ProcessJsonAsync(int index, string? json, CancellationToken cancellationToken) =>
        SegmentEvent.TryParse(json, out var segmentEvent, out var error)
            ? await ProcessEventAsync(index, segmentEvent!, cancellationToken).ConfigureAwait(false)
            : Unreadable(index, error!);

    private async Task<EventResult> ProcessEventAsync(int index, SegmentEvent segmentEvent, CancellationToken cancellationToken)
    {
        if (segmentEvent.IsDisabledFor(IntegrationGate.DestinationNames))
        {
            return IntegrationGate.Skipped(index, segmentEvent, Configuration); // no echo: integrations turn Klaviyo off
        }

        var outcomes = new List<MappingOutcome>(Configuration.Mappings.Count + 1);
        if (Configuration.Classic is { } classic)
        {
            outcomes.Add(await RunClassicAsync(segmentEvent, classic, cancellationToken).ConfigureAwait(false));
        }

        foreach (var mapping in Configuration.Mappings)
        {
            if (mapping.IsReverseEtl)
            {
                continue;
            }

            outcomes.Add(!mapping.Enabled
                ? mapping.DisabledOutcome
                : TriggerOutcome(mapping, segmentEvent) ?? await RunMappingAsync(mapping, segmentEvent, cancellationToken).ConfigureAwait(false));
        }

        return new EventResult(index, segmentEvent, null, outcomes);
    }

    /// <summary>
    /// The outcome of a mapping whose trigger does not match (or failed to evaluate: that mapping fails, the event and
    /// the stream go on); <see langword="null"/> when it matches.
    /// </summary>
    private static MappingOutcome? TriggerOutcome(MappingDefinition mapping, SegmentEvent segmentEvent)
    {
        try
        {
            return mapping.Trigger!.Matches(segmentEvent) ? null : mapping.TriggerNotMatchedOutcome;
        }
        catch (Exception e)
        {
            return new FailedOutcome(mapping.Name, mapping.Action.Slug, e, []);
        }
    }

    private async Task<EventResult> ProcessRecordAsync(int index, ReverseEtlRecord record, CancellationToken cancellationToken)
    {
        var segmentEvent = record.ToEvent();
        var outcomes = new List<MappingOutcome>(Configuration.Mappings.Count);
        foreach (var mapping in Configuration.Mappings)
        {
            if (!mapping.IsReverseEtl)
            {
                continue;
            }

            outcomes.Add(!mapping.Enabled
                ? mapping.DisabledOutcome
                : !mapping.ChangeTypes!.Contains(record.ChangeType)
                    ? mapping.ChangeTypeNotMappedOutcome
                    : await RunMappingAsync(mapping, segmentEvent, cancellationToken).ConfigureAwait(false));
        }

        return new EventResult(index, segmentEvent, null, outcomes);
    }

    private async Task<MappingOutcome> RunMappingAsync(MappingDefinition mapping, SegmentEvent segmentEvent, CancellationToken cancellationToken)
    {
        string slug = mapping.Action.Slug;
        try
        {
            var effective = segmentEvent;
            if (slug is KlaviyoActionSlugs.AddProfileToList or KlaviyoActionSlugs.RemoveProfileFromList &&
                mapping.ReadsAudienceList &&
                EngageAudience.TryRead(segmentEvent) is { } audience)
            {
                bool entering = slug == KlaviyoActionSlugs.AddProfileToList && Configuration.Settings.CreateAudienceLists;
                string? listId = await _audiences.ResolveAsync(audience, entering, cancellationToken).ConfigureAwait(false);
                if (listId is null)
                {
                    return new InvalidOutcome(mapping.Name, slug, [NoAudienceList(audience, slug)]);
                }

                effective = EngageAudience.WithListId(segmentEvent, listId);
            }

            string? hookListId = mapping.ListHook is { } hook
                ? await _listHooks.ResolveAsync(hook, cancellationToken).ConfigureAwait(false)
                : null;

            var mapped = KlaviyoActionMapper.MapForDispatch(mapping.Action, mapping.Compiled, effective, hookListId);
            if (!mapped.IsValid)
            {
                return new InvalidOutcome(mapping.Name, slug, mapped.Errors);
            }

            // One action: validated, then dispatched here rather than through SendAsync (one async frame less per
            // event). A dispatch failure lands in the catch blocks below, as SendAsync would report it.
            var valid = mapped.Action!.Validate(_timeProvider, out var problems);
            if (problems.Count > 0)
            {
                return new InvalidOutcome(mapping.Name, slug, problems);
            }

            if (valid is null)
            {
                return new SentOutcome(mapping.Name, slug, []);
            }

            var result = await _dispatcher.DispatchAsync(valid, mapped.Dispatch, cancellationToken).ConfigureAwait(false);
            return new SentOutcome(mapping.Name, slug, [result]);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (KlaviyoValidationException e)
        {
            return new InvalidOutcome(mapping.Name, slug, e.Errors);
        }
        catch (Exception e)
        {
            return new FailedOutcome(mapping.Name, slug, e, []);
        }
    }

    private async Task<MappingOutcome> RunClassicAsync(SegmentEvent segmentEvent, ClassicSettings settings, CancellationToken cancellationToken)
    {
        var mapped = ClassicMapper.Map(segmentEvent, settings);
        if (mapped.Skip is { } reason)
        {
            return new SkippedOutcome(ClassicMappingName, mapped.Call, reason);
        }

        if (mapped.Errors.Count > 0)
        {
            return new InvalidOutcome(ClassicMappingName, mapped.Call, mapped.Errors);
        }

        try
        {
            return await SendAsync(ClassicMappingName, mapped.Call, mapped.Actions, KlaviyoDispatchOptions.Immediate, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (KlaviyoValidationException e)
        {
            return new InvalidOutcome(ClassicMappingName, mapped.Call, e.Errors);
        }
    }

    /// <summary>Validates every action first (nothing is sent if one is invalid), then sends them in order.</summary>
    private async Task<MappingOutcome> SendAsync(string name, string action, IReadOnlyList<KlaviyoAction> actions, KlaviyoDispatchOptions dispatch, CancellationToken cancellationToken)
    {
        var normalized = new List<KlaviyoAction>(actions.Count);
        List<KlaviyoValidationError>? errors = null;
        foreach (var candidate in actions)
        {
            var valid = candidate.Validate(_timeProvider, out var problems);
            if (problems.Count > 0)
            {
                (errors ??= []).AddRange(problems);
            }

            if (valid is not null)
            {
                normalized.Add(valid);
            }
        }

        if (errors is not null)
        {
            return new InvalidOutcome(name, action, errors);
        }

        var results = new List<KlaviyoActionResult>(normalized.Count);
        foreach (var item in normalized)
        {
            try
            {
                results.Add(await _dispatcher.DispatchAsync(item, dispatch, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not KlaviyoValidationException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                return new FailedOutcome(name, action, e, results);
            }
        }

        return new SentOutcome(name, action, results);
    }

    private static KlaviyoValidationError NoAudienceList(EngageAudience audience, string slug) =>
        new("list_id", "audience_list", slug == KlaviyoActionSlugs.AddProfileToList
            ? $"No Klaviyo list for audience '{audience.Key ?? audience.Id}': set audience_settings.listId, send an existing list as external_audience_id, or allow list creation (settings.create_audience_lists) with a computation_key to name it."
            : $"No Klaviyo list exists for audience '{audience.Key ?? audience.Id}', so there is nothing to remove the profile from.");

    /// <summary>
    /// The ordering key: the user id itself (no copy per event), or the anonymous id behind a prefix no Segment
    /// user id carries, so an anonymous id never shares a key with an equal user id.
    /// </summary>
    private static string? UserKey(SegmentEvent segmentEvent) =>
        segmentEvent.UserId is { Length: > 0 } user ? user
        : segmentEvent.AnonymousId is { Length: > 0 } anonymous ? AnonymousKeyPrefix + anonymous
        : null;

    private static EventResult Unreadable(int index, SegmentEventException error) => new(index, null, error, []);

    private static async IAsyncEnumerable<(SegmentEvent? Event, SegmentEventException? Error)> ParseAll(
        IAsyncEnumerable<string?> jsonEvents,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (string? json in jsonEvents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return SegmentEvent.TryParse(json, out var segmentEvent, out var error) ? (segmentEvent, null) : (null, error);
        }
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
