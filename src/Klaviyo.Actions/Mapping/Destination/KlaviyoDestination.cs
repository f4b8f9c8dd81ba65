using System.Runtime.CompilerServices;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping.Classic;
using Klaviyo.Actions.Mapping.Engage;
using Klaviyo.Actions.Mapping.ReverseEtl;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Segment's "Klaviyo (Actions)" destination without Segment: holds settings and up to 50 mappings and routes
/// Segment events (or Reverse ETL records) to the matching actions, handing each action to delivery (a
/// <see cref="KlaviyoBatcher"/>) and going on to the next event. Each event's result (per mapping: sent, skipped,
/// invalid with reasons, or failed) comes back once all its actions are final. One bad event never stops the others.
/// </summary>
/// <remarks>
/// <para>Routing: for each event, each mapping in order: disabled → skipped; trigger not matched → skipped; otherwise
/// the field mapping is resolved (mapping-kit), empty values removed, types coerced and the typed request built; a
/// mapping-level problem (unknown directive, required field missing, value of the wrong type) or a failed
/// <see cref="Validation.KlaviyoRequestValidator"/> check gives an invalid outcome; otherwise the action goes to
/// delivery. Routing never waits for Klaviyo (only for room in the queue).</para>
/// <para>Delivery batches the mappings that turn <c>enable_batching</c> on (at most <c>batch_size</c> per request),
/// sends the others on their own, keeps each person's state-setting actions in arrival order, retries, and gives every
/// action one outcome; see <see cref="KlaviyoBatcher"/>.</para>
/// <para>Engage: for Add/Remove Profile to/from List on an audience event (<c>context.personas</c>), the audience's
/// Klaviyo list is found (<c>audience_settings.listId</c>, an existing <c>external_audience_id</c>, or the list named
/// after <c>computation_key</c>) or created on the first "Audience Entered", once per audience, and handed to the
/// mapping as <c>context.personas.external_audience_id</c>, as Segment's audience hooks do.
/// A mapping whose <c>list_id</c> does not read <c>context.personas</c> uses its own list and skips this.
/// User-property audiences (Engage sending identify calls with <c>&lt;audience_key&gt;: true/false</c> traits) are
/// the classic path: map the trait into Upsert Profile's <c>properties</c> and build a Klaviyo segment on it.</para>
/// <para>Thread-safe; keep one instance per configuration.</para>
/// </remarks>
public sealed class KlaviyoDestination : IAsyncDisposable
{
    private const string ClassicMappingName = "classic";

    private readonly IKlaviyoClient _client;
    private readonly KlaviyoBatcher? _sharedDelivery;
    private readonly TimeProvider? _timeProvider;
    private readonly bool _batchOrders;
    private readonly int _eventMappings;
    private readonly int _recordMappings;
    private readonly AudienceListResolver _audiences;
    private readonly StaticListHookRunner _listHooks;
    private KlaviyoBatcher? _ownDelivery;

    /// <summary>Creates the destination.</summary>
    /// <param name="configuration">Settings and mappings.</param>
    /// <param name="client">The Klaviyo client (used for list look-ups and, unless <see cref="KlaviyoDestinationOptions.Delivery"/> is set, delivery).</param>
    /// <param name="options">Delivery, Order Completed batching and clock.</param>
    public KlaviyoDestination(DestinationConfiguration configuration, IKlaviyoClient client, KlaviyoDestinationOptions? options = null)
    {
        Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        options ??= new KlaviyoDestinationOptions();
        _sharedDelivery = options.Delivery;
        _timeProvider = options.TimeProvider;
        _batchOrders = options.BatchOrderCompleted;
        _recordMappings = configuration.Mappings.Count(m => m.IsReverseEtl);
        _eventMappings = configuration.Mappings.Count - _recordMappings + (configuration.Classic is null ? 0 : 1);
        _audiences = new AudienceListResolver(client);
        _listHooks = new StaticListHookRunner(client);
    }

    /// <summary>The configuration.</summary>
    public DestinationConfiguration Configuration { get; }

    /// <summary>The queue actions are delivered through (the configured one, or the destination's own, created on first use).</summary>
    public KlaviyoBatcher Delivery => _sharedDelivery ?? OwnDelivery();

    /// <summary>Routes one event to every event mapping and waits for its actions' outcomes.</summary>
    /// <param name="segmentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue (the action then fails as not accepted); actions queued stay queued.</param>
    /// <returns>One outcome per mapping, once every action is final.</returns>
    public async Task<EventResult> SendAsync(SegmentEvent segmentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segmentEvent);
        var sink = new SingleResultSink();
        await RouteEventAsync(0, segmentEvent, sink, cancellationToken).ConfigureAwait(false);
        return await sink.Task.ConfigureAwait(false);
    }

    /// <summary>Reads and routes one event given as JSON; an unreadable event gives a result with <see cref="EventResult.Error"/>.</summary>
    /// <param name="json">The event JSON.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue.</param>
    public Task<EventResult> SendJsonAsync(string? json, CancellationToken cancellationToken = default) =>
        SegmentEvent.TryParse(json, out var segmentEvent, out var error)
            ? SendAsync(segmentEvent!, cancellationToken)
            : Task.FromResult(Unreadable(0, error!));

    /// <summary>Routes many events; the results in input order once all are final.</summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops routing further events; see <see cref="SendAllAsync(IAsyncEnumerable{SegmentEvent}, CancellationToken)"/>.</param>
    public async Task<IReadOnlyList<EventResult>> SendAllAsync(IEnumerable<SegmentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new List<EventResult>();
        await foreach (var result in SendAllAsync(ToAsync(events), cancellationToken).ConfigureAwait(false))
        {
            results.Add(result);
        }

        results.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return results;
    }

    /// <summary>
    /// Routes a stream of events, one after another without waiting for Klaviyo, and streams each event's result
    /// (<see cref="EventResult.Index"/> is its position) as soon as all its actions are final: results come in the
    /// order they become final, not in input order. When the input ends, delivery is asked to send what it holds
    /// (<see cref="KlaviyoBatcher.FlushAsync"/>) so the last results do not wait for a batch delay.
    /// </summary>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">
    /// Stops reading further events. The events already routed still get their results (delivery sends them, or its
    /// drain fails them), and the stream then ends.
    /// </param>
    public IAsyncEnumerable<EventResult> SendAllAsync(IAsyncEnumerable<SegmentEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return StreamAsync(events, static (self, e, i, sink, ct) => e is null
            ? Complete(sink, Unreadable(i, new SegmentEventException("$", "required", "no event was given")))
            : self.RouteEventAsync(i, e, sink, ct), cancellationToken);
    }

    /// <summary>Reads and routes many events given as JSON (for example lines of a file); unreadable ones give results with an error.</summary>
    /// <param name="jsonEvents">The events' JSON.</param>
    /// <param name="cancellationToken">Stops reading further events; see <see cref="SendAllAsync(IAsyncEnumerable{SegmentEvent}, CancellationToken)"/>.</param>
    public IAsyncEnumerable<EventResult> SendJsonAllAsync(IAsyncEnumerable<string?> jsonEvents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jsonEvents);
        return StreamAsync(jsonEvents, static (self, json, i, sink, ct) => SegmentEvent.TryParse(json, out var e, out var error)
            ? self.RouteEventAsync(i, e!, sink, ct)
            : Complete(sink, Unreadable(i, error!)), cancellationToken);
    }

    /// <summary>Routes Reverse ETL records to the Reverse ETL mappings whose change types include the record's; results in input order.</summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Stops routing further records.</param>
    public async Task<IReadOnlyList<EventResult>> SendReverseEtlAsync(IEnumerable<ReverseEtlRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var results = new List<EventResult>();
        var stream = StreamAsync(ToAsync(records), static (self, r, i, sink, ct) => r is null
            ? Complete(sink, Unreadable(i, new SegmentEventException("$", "required", "no record was given")))
            : self.RouteRecordAsync(i, r, sink, ct), cancellationToken);
        await foreach (var result in stream.ConfigureAwait(false))
        {
            results.Add(result);
        }

        results.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return results;
    }

    /// <summary>Drains the destination's own delivery queue, if it made one (a configured <see cref="KlaviyoDestinationOptions.Delivery"/> is the caller's to drain).</summary>
    public async ValueTask DisposeAsync()
    {
        var own = Interlocked.Exchange(ref _ownDelivery, null);
        if (own is not null)
        {
            await own.DisposeAsync().ConfigureAwait(false);
        }
    }

    private KlaviyoBatcher OwnDelivery()
    {
        var own = Volatile.Read(ref _ownDelivery);
        if (own is not null)
        {
            return own;
        }

        var created = new KlaviyoBatcher(_client);
        own = Interlocked.CompareExchange(ref _ownDelivery, created, null);
        if (own is null)
        {
            return created;
        }

        _ = created.DisposeAsync().AsTask(); // lost the race: nothing was queued on it
        return own;
    }

    /// <summary>
    /// Routes the input on one task, without waiting for Klaviyo, while the caller reads results as they become final.
    /// A consumer that stops reading stops the routing.
    /// </summary>
    private async IAsyncEnumerable<EventResult> StreamAsync<T>(
        IAsyncEnumerable<T> source,
        Func<KlaviyoDestination, T, int, IEventResultSink, CancellationToken, ValueTask> route,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new ResultStream();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var routing = Task.Run(() => RouteAllAsync(source, route, stream, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var result in stream.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await routing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RouteAllAsync<T>(
        IAsyncEnumerable<T> source,
        Func<KlaviyoDestination, T, int, IEventResultSink, CancellationToken, ValueTask> route,
        ResultStream stream,
        CancellationToken cancellationToken)
    {
        Exception? fault = null;
        int index = 0;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break; // read, but not routed: as if never read
                }

                stream.Begin();
                await route(this, item, index++, stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop reading; what was routed still gets its results.
        }
        catch (Exception exception)
        {
            fault = exception;
        }
        finally
        {
            if (index > 0)
            {
                _ = Delivery.FlushAsync(CancellationToken.None); // the input is done: send what waits for a batch
            }

            stream.InputEnded(fault);
        }
    }

    private async ValueTask RouteEventAsync(int index, SegmentEvent segmentEvent, IEventResultSink sink, CancellationToken cancellationToken)
    {
        if (segmentEvent.IsDisabledFor(IntegrationGate.DestinationNames))
        {
            sink.OnResult(IntegrationGate.Skipped(index, segmentEvent, Configuration)); // no echo: integrations turn Klaviyo off
            return;
        }

        var ticket = new EventTicket(index, segmentEvent.MessageId, segmentEvent.Type, _eventMappings, sink);
        int position = 0;
        if (Configuration.Classic is { } classic)
        {
            await RouteClassicAsync(ticket, position++, segmentEvent, classic, cancellationToken).ConfigureAwait(false);
        }

        foreach (var mapping in Configuration.Mappings)
        {
            if (mapping.IsReverseEtl)
            {
                continue;
            }

            if (!mapping.Enabled)
            {
                ticket.Set(position, mapping.DisabledOutcome);
            }
            else if (TriggerOutcome(mapping, segmentEvent) is { } skipped)
            {
                ticket.Set(position, skipped);
            }
            else
            {
                await RouteMappingAsync(ticket, position, mapping, segmentEvent, cancellationToken).ConfigureAwait(false);
            }

            position++;
        }

        ticket.EndRouting();
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

    private async ValueTask RouteRecordAsync(int index, ReverseEtlRecord record, IEventResultSink sink, CancellationToken cancellationToken)
    {
        var segmentEvent = record.ToEvent();
        var ticket = new EventTicket(index, segmentEvent.MessageId, segmentEvent.Type, _recordMappings, sink);
        int position = 0;
        foreach (var mapping in Configuration.Mappings)
        {
            if (!mapping.IsReverseEtl)
            {
                continue;
            }

            if (!mapping.Enabled)
            {
                ticket.Set(position, mapping.DisabledOutcome);
            }
            else if (!mapping.ChangeTypes!.Contains(record.ChangeType))
            {
                ticket.Set(position, mapping.ChangeTypeNotMappedOutcome);
            }
            else
            {
                await RouteMappingAsync(ticket, position, mapping, segmentEvent, cancellationToken).ConfigureAwait(false);
            }

            position++;
        }

        ticket.EndRouting();
    }

    /// <summary>Maps and validates one mapping's action and hands it to delivery; or sets the mapping's outcome when nothing is sent.</summary>
    private async ValueTask RouteMappingAsync(EventTicket ticket, int position, MappingDefinition mapping, SegmentEvent segmentEvent, CancellationToken cancellationToken)
    {
        string slug = mapping.Action.Slug;
        KlaviyoAction valid;
        KlaviyoDispatchOptions dispatch;
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
                    ticket.Set(position, new InvalidOutcome(mapping.Name, slug, [NoAudienceList(audience, slug)]));
                    return;
                }

                effective = EngageAudience.WithListId(segmentEvent, listId);
            }

            string? hookListId = mapping.ListHook is { } hook
                ? await _listHooks.ResolveAsync(hook, cancellationToken).ConfigureAwait(false)
                : null;

            var mapped = KlaviyoActionMapper.MapForDispatch(mapping.Action, mapping.Compiled, effective, hookListId);
            if (!mapped.IsValid)
            {
                ticket.Set(position, new InvalidOutcome(mapping.Name, slug, mapped.Errors));
                return;
            }

            var checkedAction = mapped.Action!.Validate(_timeProvider, out var problems);
            if (problems.Count > 0 || checkedAction is null)
            {
                ticket.Set(position, problems.Count > 0 ? new InvalidOutcome(mapping.Name, slug, problems) : new SentOutcome(mapping.Name, slug, []));
                return;
            }

            valid = checkedAction;
            dispatch = mapped.Dispatch;
        }
        catch (KlaviyoValidationException e)
        {
            ticket.Set(position, new InvalidOutcome(mapping.Name, slug, e.Errors));
            return;
        }
        catch (Exception e)
        {
            ticket.Set(position, new FailedOutcome(mapping.Name, slug, e, []));
            return;
        }

        ticket.Expect(position, mapping.Name, slug, 1);
        bool batched = dispatch.EnableBatching || (_batchOrders && valid is OrderCompletedAction);
        await Delivery.SubmitAsync(valid.ToDeliveryItem(), batched, dispatch.BatchSize, ticket, position, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Classic mode: every action is validated first (nothing is sent if one is invalid), then all are handed to delivery in order.</summary>
    private async ValueTask RouteClassicAsync(EventTicket ticket, int position, SegmentEvent segmentEvent, ClassicSettings settings, CancellationToken cancellationToken)
    {
        var mapped = ClassicMapper.Map(segmentEvent, settings);
        if (mapped.Skip is { } reason)
        {
            ticket.Set(position, new SkippedOutcome(ClassicMappingName, mapped.Call, reason));
            return;
        }

        if (mapped.Errors.Count > 0)
        {
            ticket.Set(position, new InvalidOutcome(ClassicMappingName, mapped.Call, mapped.Errors));
            return;
        }

        var normalized = new List<KlaviyoAction>(mapped.Actions.Count);
        List<KlaviyoValidationError>? errors = null;
        foreach (var candidate in mapped.Actions)
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
            ticket.Set(position, new InvalidOutcome(ClassicMappingName, mapped.Call, errors));
            return;
        }

        if (normalized.Count == 0)
        {
            ticket.Set(position, new SentOutcome(ClassicMappingName, mapped.Call, [], mapped.Warnings));
            return;
        }

        ticket.Expect(position, ClassicMappingName, mapped.Call, normalized.Count, mapped.Warnings);
        foreach (var action in normalized)
        {
            await Delivery.SubmitAsync(action.ToDeliveryItem(), batched: false, null, ticket, position, cancellationToken).ConfigureAwait(false);
        }
    }

    private static KlaviyoValidationError NoAudienceList(EngageAudience audience, string slug) =>
        new("list_id", "audience_list", slug == KlaviyoActionSlugs.AddProfileToList
            ? $"No Klaviyo list for audience '{audience.Key ?? audience.Id}': set audience_settings.listId, send an existing list as external_audience_id, or allow list creation (settings.create_audience_lists) with a computation_key to name it."
            : $"No Klaviyo list exists for audience '{audience.Key ?? audience.Id}', so there is nothing to remove the profile from.");

    private static EventResult Unreadable(int index, SegmentEventException error) => new(index, null, null, error, []);

    private static ValueTask Complete(IEventResultSink sink, EventResult result)
    {
        sink.OnResult(result);
        return ValueTask.CompletedTask;
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
