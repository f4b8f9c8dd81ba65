using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Turns batch items into the fewest bulk requests Klaviyo allows and every item into exactly one outcome:
/// validate and measure (<see cref="Prepare"/>), then resolve removals, group by endpoint and key, split at
/// count and byte limits, send with bounded concurrency, and follow import jobs when asked.
/// </summary>
internal sealed class BulkEngine
{
    private readonly KlaviyoBulkEndpoints _endpoints;
    private readonly KlaviyoBatchingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IBatchItemValidator _validator;
    private readonly IOrderEventExpander _orderEvents;

    public BulkEngine(
        KlaviyoBulkEndpoints endpoints,
        KlaviyoBatchingOptions options,
        TimeProvider timeProvider,
        BatchingTelemetry telemetry,
        ILogger logger,
        IBatchItemValidator? validator = null)
    {
        _endpoints = endpoints;
        _options = options;
        _timeProvider = timeProvider;
        Telemetry = telemetry;
        Logger = logger;
        _validator = validator ?? KlaviyoBatchItemValidator.Instance;
        _orderEvents = endpoints.OrderEvents ?? new OrderEventExpander(timeProvider);
    }

    public BatchingTelemetry Telemetry { get; }

    public ILogger Logger { get; }

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Validates, normalizes and measures one item. Never throws for item content.</summary>
    public PreparedItem Prepare(KlaviyoBatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        BatchItemValidation validation;
        try
        {
            validation = item.IsValidated ? new BatchItemValidation(item, []) : _validator.Validate(item, _timeProvider);
        }
        catch (Exception exception)
        {
            return new FinishedItem(item, KlaviyoItemOutcome.Failed(item.ActionName, "validation failed unexpectedly", exceptionSummary: FailureClassifier.Summarize(exception)));
        }

        if (validation.Errors.Count > 0)
        {
            return new FinishedItem(item, KlaviyoItemOutcome.Invalid(item.ActionName, validation.Errors));
        }

        var normalized = validation.Normalized ?? item;
        try
        {
            return normalized.Request switch
            {
                UpsertProfileRequest r => Parts(item, BulkEndpointDescriptor.ProfileImport, _endpoints.ProfileImport, new BulkGroupKey(ListOrNull(r.ListId)), [r]),
                AddProfileToListRequest r => Parts(item, BulkEndpointDescriptor.ProfileImport, _endpoints.ProfileImport, new BulkGroupKey(r.ListId), [ToUpsert(r)]),
                TrackEventRequest r => Parts(item, BulkEndpointDescriptor.EventCreate, _endpoints.EventCreate, BulkGroupKey.None, [r]),
                OrderCompletedRequest r => Parts(item, BulkEndpointDescriptor.EventCreate, _endpoints.EventCreate, BulkGroupKey.None, _orderEvents.Expand(r)),
                SubscribeProfileRequest r => Parts(item, BulkEndpointDescriptor.Subscribe, _endpoints.Subscribe, SubscriptionKey(r), [r]),
                UnsubscribeProfileRequest r => Parts(item, BulkEndpointDescriptor.Unsubscribe, _endpoints.Unsubscribe, new BulkGroupKey(ListOrNull(r.ListId)), [r]),
                RemoveProfileFromListRequest r => new RemovalItem(item, r, r.ListId),
                RemoveProfileRequest r => new RemovalItem(item, r, r.ListId),
                _ => throw new ArgumentException($"{normalized.Request.GetType().Name} is not a batchable request.", nameof(item)),
            };
        }
        catch (KlaviyoValidationException exception) when (exception.Errors.Count > 0)
        {
            // A value the wire format cannot carry (unsupported property type, nesting too deep, reserved key).
            return new FinishedItem(item, KlaviyoItemOutcome.Invalid(item.ActionName, exception.Errors));
        }
        catch (Exception exception)
        {
            return new FinishedItem(item, KlaviyoItemOutcome.Failed(item.ActionName, "the item could not be serialized", exceptionSummary: FailureClassifier.Summarize(exception)));
        }
    }

    /// <summary>
    /// The size of an empty request of an endpoint for a group key, as the planner measures it; 0 when this client
    /// has no such endpoint or the envelope cannot be built (the flush then fails those items with the reason).
    /// </summary>
    public int MeasureEnvelope(BulkEndpointKind kind, BulkGroupKey key)
    {
        try
        {
            return kind switch
            {
                BulkEndpointKind.ProfileImport => _endpoints.ProfileImport.MeasureEnvelope(key),
                BulkEndpointKind.EventCreate => _endpoints.EventCreate.MeasureEnvelope(key),
                BulkEndpointKind.Subscribe => _endpoints.Subscribe.MeasureEnvelope(key),
                BulkEndpointKind.Unsubscribe => _endpoints.Unsubscribe.MeasureEnvelope(key),
                BulkEndpointKind.ListRemove => _endpoints.ListRemove.MeasureEnvelope(key),
                _ => _endpoints.ListAdd?.MeasureEnvelope(key) ?? 0,
            };
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return 0;
        }
    }

    /// <summary>
    /// A subscription's group: list, source and historical flag. An unset source is Segment's <c>-59</c>, as the
    /// single call sends, so both spellings share a job.
    /// </summary>
    private static BulkGroupKey SubscriptionKey(SubscribeProfileRequest request) => new(
        ListOrNull(request.ListId),
        string.IsNullOrEmpty(request.CustomSource) ? SubscribeProfileRequest.SegmentCustomSource : request.CustomSource,
        request.HistoricalImport);

    private static string? ListOrNull(string? listId) => string.IsNullOrEmpty(listId) ? null : listId;

    /// <summary>Runs prepared items; every item's outcome goes to <paramref name="sink"/> exactly once. Never throws.</summary>
    public async Task ExecuteAsync(IReadOnlyList<PreparedItem> items, BulkRunSettings settings, IBulkOutcomeSink sink, CancellationToken cancellationToken)
    {
        var ledger = new ItemLedger(items, sink);
        var finished = new FinishOnce(sink);
        ImportJobFollower? follower = settings.TrackImportJobs && _endpoints.ImportJobs is { } tracker
            ? new ImportJobFollower(tracker, ledger, _timeProvider, _options.JobPollInterval, settings.JobTrackingTimeout, Logger, cancellationToken)
            : null;
        var context = new ChunkContext(ledger, settings, Telemetry, Logger, follower);
        try
        {
            var profileImport = new EndpointPlan<UpsertProfileRequest>(BulkEndpointDescriptor.ProfileImport, _endpoints.ProfileImport);
            var events = new EndpointPlan<TrackEventRequest>(BulkEndpointDescriptor.EventCreate, _endpoints.EventCreate);
            var subscribe = new EndpointPlan<SubscribeProfileRequest>(BulkEndpointDescriptor.Subscribe, _endpoints.Subscribe);
            var unsubscribe = new EndpointPlan<UnsubscribeProfileRequest>(BulkEndpointDescriptor.Unsubscribe, _endpoints.Unsubscribe);
            var listRemove = new EndpointPlan<string>(BulkEndpointDescriptor.ListRemove, _endpoints.ListRemove);
            List<int>? removals = null;

            for (int i = 0; i < items.Count; i++)
            {
                switch (items[i])
                {
                    case FinishedItem done:
                        ledger.Complete(i, done.FinalOutcome!);
                        break;
                    case PartsItem<UpsertProfileRequest> p:
                        Stage(profileImport, p, i, ledger);
                        break;
                    case PartsItem<TrackEventRequest> p:
                        Stage(events, p, i, ledger);
                        break;
                    case PartsItem<SubscribeProfileRequest> p:
                        Stage(subscribe, p, i, ledger);
                        break;
                    case PartsItem<UnsubscribeProfileRequest> p:
                        Stage(unsubscribe, p, i, ledger);
                        break;
                    case RemovalItem:
                        (removals ??= []).Add(i);
                        break;
                    default:
                        ledger.Complete(i, KlaviyoItemOutcome.Failed(items[i].Action, "the item was not prepared by this client"));
                        break;
                }
            }

            if (removals is not null)
            {
                await ResolveRemovalsAsync(items, removals, listRemove, ledger, settings, cancellationToken).ConfigureAwait(false);
            }

            var works = new List<IChunkWork>();
            profileImport.Plan(works, context);
            events.Plan(works, context);
            subscribe.Plan(works, context);
            unsubscribe.Plan(works, context);
            listRemove.Plan(works, context);

            await Parallel.ForEachAsync(
                works,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentRequests) },
                (work, _) => new ValueTask(work.RunAsync(cancellationToken))).ConfigureAwait(false);
            finished.Signal();

            if (follower is not null)
            {
                await follower.WhenAllAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            int count = ledger.CompleteUnfinished(action => KlaviyoItemOutcome.Failed(
                action,
                cancellationToken.IsCancellationRequested ? settings.CancelledReason : "the bulk engine failed unexpectedly",
                exceptionSummary: FailureClassifier.Summarize(exception)));
            BatchingLog.EngineFault(Logger, exception, count);
        }
        finally
        {
            ledger.CompleteUnfinished(action => KlaviyoItemOutcome.Failed(
                action,
                cancellationToken.IsCancellationRequested ? settings.CancelledReason : "the item got no outcome from the bulk engine"));
            finished.Signal();
        }
    }

    private static void Stage<TPart>(EndpointPlan<TPart> plan, PartsItem<TPart> item, int index, ItemLedger ledger)
    {
        if (item.Parts.Count == 0)
        {
            ledger.Complete(index, KlaviyoItemOutcome.Failed(item.Action, "the item has nothing to send"));
            return;
        }

        ledger.Expect(index, item.Parts.Count);
        for (int p = 0; p < item.Parts.Count; p++)
        {
            plan.Add(item.Key, new PlannedPart<TPart>(item.Parts[p], index, item.Measures[p], p));
        }
    }

    private async Task ResolveRemovalsAsync(
        IReadOnlyList<PreparedItem> items,
        List<int> removals,
        EndpointPlan<string> listRemove,
        ItemLedger ledger,
        BulkRunSettings settings,
        CancellationToken cancellationToken)
    {
        var identities = new IProfileIdentity[removals.Count];
        for (int r = 0; r < removals.Count; r++)
        {
            identities[r] = ((RemovalItem)items[removals[r]]).Identity;
        }

        IReadOnlyList<IReadOnlyList<string>> found;
        try
        {
            found = await _endpoints.ProfileLookup.FindProfileIdsAsync(identities, cancellationToken).ConfigureAwait(false);
            if (found.Count != identities.Length)
            {
                throw new InvalidOperationException($"The profile look-up returned {found.Count} results for {identities.Length} identities.");
            }
        }
        catch (KlaviyoApiException exception)
        {
            foreach (int index in removals)
            {
                ledger.Complete(index, FailureClassifier.ForRequestError(ledger.ActionOf(index), exception));
            }

            return;
        }
        catch (Exception exception)
        {
            bool cancelled = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
            foreach (int index in removals)
            {
                ledger.Complete(index, FailureClassifier.ForException(ledger.ActionOf(index), exception, cancelled, settings.CancelledReason));
            }

            return;
        }

        var endpoint = _endpoints.ListRemove;
        for (int r = 0; r < removals.Count; r++)
        {
            int index = removals[r];
            var removal = (RemovalItem)items[index];
            var ids = Distinct(found[r]);
            ledger.SetProfileIds(index, ids);
            if (ids.Count == 0)
            {
                ledger.Complete(index, KlaviyoItemOutcome.Accepted(removal.Action) with { Reason = "no Klaviyo profile matched the identifiers; nothing to remove" });
                continue;
            }

            ledger.Expect(index, ids.Count);
            var key = new BulkGroupKey(removal.ListId);
            foreach (string id in ids)
            {
                listRemove.Add(key, new PlannedPart<string>(id, index, endpoint.Measure(id)));
            }
        }
    }

    private static IReadOnlyList<string> Distinct(IReadOnlyList<string> ids)
    {
        if (ids.Count < 2)
        {
            return ids;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<string>(ids.Count);
        foreach (string id in ids)
        {
            if (seen.Add(id))
            {
                distinct.Add(id);
            }
        }

        return distinct;
    }

    private static PartsItem<TPart> Parts<TPart>(KlaviyoBatchItem item, BulkEndpointDescriptor descriptor, IBulkEndpoint<TPart> endpoint, BulkGroupKey key, IReadOnlyList<TPart> parts)
    {
        var measures = new BulkPartMeasure[parts.Count];
        long bytes = 0;
        for (int i = 0; i < measures.Length; i++)
        {
            measures[i] = i == 0 ? endpoint.Measure(parts[i]) : endpoint.MeasureNext(parts[i], measures[i - 1]);
            bytes += measures[i].Bytes;
        }

        return new PartsItem<TPart>(item, descriptor, key, parts, measures, bytes);
    }

    private static UpsertProfileRequest ToUpsert(AddProfileToListRequest request) => new()
    {
        Email = request.Email,
        PhoneNumber = request.PhoneNumber,
        CountryCode = request.CountryCode,
        ExternalId = request.ExternalId,
        FirstName = request.FirstName,
        LastName = request.LastName,
        Organization = request.Organization,
        Title = request.Title,
        Image = request.Image,
        Location = request.Location,
        Properties = request.Properties,
        ListId = request.ListId,
    };

    /// <summary>Calls <see cref="IBulkOutcomeSink.OnRequestsFinished"/> once.</summary>
    private sealed class FinishOnce(IBulkOutcomeSink sink)
    {
        private int _signalled;

        public void Signal()
        {
            if (Interlocked.Exchange(ref _signalled, 1) == 0)
            {
                sink.OnRequestsFinished();
            }
        }
    }
}
