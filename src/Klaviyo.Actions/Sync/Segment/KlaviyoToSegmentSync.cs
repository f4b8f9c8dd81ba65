using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// The other direction, Klaviyo → Segment: each run reads what changed in Klaviyo since a durable cursor — profiles by
/// <c>updated</c>, and optionally the events of chosen metrics by <c>datetime</c> — and sends them to a Segment source
/// through Segment's HTTP tracking API, profiles as <c>identify</c> calls and events as <c>track</c> calls.
/// </summary>
/// <remarks>
/// <para><b>Why here.</b> It lives in the core package, in <c>Klaviyo.Actions.Sync.Segment</c>, beside list sync: like
/// list sync it is a cursor-driven job run on a schedule whose state sits in the same SQLite/PostgreSQL stores, and its
/// Klaviyo reads must go through the client's own transport (per-endpoint rate limiter, retries honouring
/// <c>Retry-After</c>), which the core owns. It needs nothing from ASP.NET Core or DI, so the DI package only hosts it
/// (<c>AddKlaviyoToSegmentSync</c>). It never goes through <c>Mapping</c>: it is not a Segment destination.</para>
/// <para><b>Options</b> mirror Klaviyo's own Segment integration: a source of truth
/// (<see cref="KlaviyoToSegmentOptions.SourceOfTruth"/>: with Segment primary a Klaviyo-only profile is not sent as a new
/// user) and "only profiles the destination updated" (<see cref="KlaviyoToSegmentOptions.OnlyProfilesUpdatedByDestination"/>,
/// recognised by <see cref="KlaviyoProfileMarker"/>).</para>
/// <para><b>No echo.</b> Every message carries <c>integrations: {"Klaviyo": false, "Klaviyo (Actions)": false}</c>:
/// Segment does not route it to a Klaviyo destination, and this SDK's own destination skips it
/// (<see cref="Mapping.SkipReason.IntegrationDisabled"/>).</para>
/// <para><b>Cursor.</b> Segment's limits (2,500 messages, 500 KB per batch) decide the batches; the cursor of a stream
/// moves only past changes Segment accepted, after each accepted batch, so an interrupted run resumes where Segment last
/// said yes — never skipped; at worst a batch whose answer was lost is resent, and Segment deduplicates it by
/// <c>messageId</c>. A message over Segment's 32 KB is reported (<see cref="KlaviyoToSegmentRunResult.Oversized"/> and a
/// warning naming the Klaviyo id), not sent, and passed by the cursor, so it never blocks the stream; it goes out when
/// the profile changes again and fits. Events are read by their <c>datetime</c>, the only time Klaviyo filters events on:
/// an event recorded later with a <c>time</c> before the cursor (a backfill) is not picked up.</para>
/// <para>Runs of one instance are serialised. Two processes running the same sync name over a shared store would send
/// some changes twice (deduplicated by Segment); run one worker per sync name.</para>
/// </remarks>
public sealed class KlaviyoToSegmentSync : IDisposable
{
    /// <summary>The stream name of profiles in the cursor store.</summary>
    public const string ProfilesStream = "profiles";

    /// <summary>The prefix of a metric's events stream in the cursor store (<c>events:</c> + the metric id).</summary>
    public const string EventsStreamPrefix = "events:";

    private readonly IKlaviyoReadClient _klaviyo;
    private readonly SegmentTrackingClient _segment;
    private readonly IKlaviyoToSegmentCursorStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the sync.</summary>
    /// <param name="klaviyo">Reads Klaviyo (a <see cref="KlaviyoClient"/>).</param>
    /// <param name="segmentHttpClient">The HTTP client for Segment's tracking API (its base address is not used; see <see cref="SegmentTrackingOptions"/>).</param>
    /// <param name="store">Keeps the cursors.</param>
    /// <param name="options">What to read and where to send it; checked with <see cref="KlaviyoToSegmentOptions.Validate"/>.</param>
    /// <param name="timeProvider">The clock for retry waits and durations; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logging; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are not usable (the message lists every problem).</exception>
    public KlaviyoToSegmentSync(
        IKlaviyoReadClient klaviyo,
        HttpClient segmentHttpClient,
        IKlaviyoToSegmentCursorStore store,
        KlaviyoToSegmentOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(klaviyo);
        ArgumentNullException.ThrowIfNull(segmentHttpClient);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("KlaviyoToSegmentOptions are not usable: " + string.Join(" ", problems), nameof(options));
        }

        _klaviyo = klaviyo;
        _store = store;
        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KlaviyoToSegmentSync>();
        _segment = new SegmentTrackingClient(segmentHttpClient, options.Segment, _timeProvider, _logger);
    }

    /// <summary>The options.</summary>
    public KlaviyoToSegmentOptions Options { get; }

    /// <summary>
    /// Reads every change since the stored cursors and sends it to Segment: profiles first (so users exist before their
    /// events), then each chosen metric's events. Klaviyo or Segment failing for good stops the run with
    /// <see cref="KlaviyoToSegmentRunResult.Error"/> set; cursors keep what Segment accepted.
    /// </summary>
    /// <param name="cancellationToken">Stops the run; what Segment accepted stays recorded.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<KlaviyoToSegmentRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long started = _timeProvider.GetTimestamp();
            var run = new RunTally();
            try
            {
                if (Options.SyncProfiles)
                {
                    await SyncProfilesAsync(run, cancellationToken).ConfigureAwait(false);
                }

                foreach (var (metricId, name) in await ResolveMetricsAsync(run, cancellationToken).ConfigureAwait(false))
                {
                    await SyncEventsAsync(run, metricId, name, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                run.Error = $"{ex.GetType().Name}: {ex.Message}";
                KlaviyoToSegmentLog.Stopped(_logger, Options.SyncName, run.Error);
            }

            var result = run.ToResult(_timeProvider.GetElapsedTime(started));
            KlaviyoToSegmentLog.Finished(_logger, Options.SyncName, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the run gate. The HTTP client, store and Klaviyo client belong to the caller.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>Whether a profile (or an event's profile) may go to Segment under the options; the reason when not.</summary>
    internal static KlaviyoToSegmentSkipReason? Decide(KlaviyoProfile? profile, KlaviyoToSegmentOptions options)
    {
        bool marked = profile is not null && KlaviyoProfileMarker.IsMarked(profile);
        if (options.OnlyProfilesUpdatedByDestination && !marked)
        {
            return KlaviyoToSegmentSkipReason.NotUpdatedByDestination;
        }

        if (options.SourceOfTruth == KlaviyoToSegmentSourceOfTruth.Segment && !marked && string.IsNullOrEmpty(profile?.ExternalId))
        {
            return KlaviyoToSegmentSkipReason.KlaviyoOnlyProfile;
        }

        return null;
    }

    private async Task SyncProfilesAsync(RunTally run, CancellationToken cancellationToken)
    {
        var stream = await OpenAsync(ProfilesStream, cancellationToken).ConfigureAwait(false);
        await foreach (var page in _klaviyo.GetProfilesUpdatedAfterAsync(stream.Tracker.ReadAfter, KlaviyoClient.MaxProfilePageSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var profile in page.Items)
            {
                run.ProfilesRead++;
                if (stream.Tracker.WasSeen(profile.Updated, profile.Id))
                {
                    run.Skip(KlaviyoToSegmentSkipReason.AlreadySent);
                }
                else if (Decide(profile, Options) is { } reason)
                {
                    run.Skip(reason);
                    stream.Tracker.Handle(profile.Updated, profile.Id);
                }
                else
                {
                    await AddAsync(stream, SegmentMessageWriter.Identify(profile), isTrack: false, profile.Updated, profile.Id, run, cancellationToken).ConfigureAwait(false);
                }
            }

            await PageEndAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(stream, run, cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncEventsAsync(RunTally run, string metricId, string? metricName, CancellationToken cancellationToken)
    {
        var stream = await OpenAsync(EventsStreamPrefix + metricId, cancellationToken).ConfigureAwait(false);
        await foreach (var page in _klaviyo.GetEventsAfterAsync(stream.Tracker.ReadAfter, metricId, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                run.EventsRead++;
                if (stream.Tracker.WasSeen(item.Datetime, item.Id))
                {
                    run.Skip(KlaviyoToSegmentSkipReason.AlreadySent);
                }
                else if (Decide(item.Profile, Options) is { } reason)
                {
                    run.Skip(reason);
                    stream.Tracker.Handle(item.Datetime, item.Id);
                }
                else
                {
                    byte[] message = SegmentMessageWriter.Track(item, item.MetricName ?? metricName ?? metricId);
                    await AddAsync(stream, message, isTrack: true, item.Datetime, item.Id, run, cancellationToken).ConfigureAwait(false);
                }
            }

            await PageEndAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        await FlushAsync(stream, run, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StreamRun> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(Options.SyncName, name, cancellationToken).ConfigureAwait(false);
        var stream = new StreamRun(name, new CursorTracker(stored ?? KlaviyoToSegmentCursor.StartingAt(Options.Since ?? DateTimeOffset.UnixEpoch)));
        KlaviyoToSegmentLog.StreamStarted(_logger, Options.SyncName, name, stream.Tracker.ReadAfter);
        return stream;
    }

    /// <summary>Batches one message, sending the batch first when the message would not fit.</summary>
    private async Task AddAsync(StreamRun stream, byte[] message, bool isTrack, DateTimeOffset time, string id, RunTally run, CancellationToken cancellationToken)
    {
        if (message.Length > SegmentLimits.MaxMessageBytes)
        {
            run.Skip(KlaviyoToSegmentSkipReason.Oversized);
            run.Oversized.Add(new KlaviyoToSegmentOversizedMessage(stream.Name, id, message.Length));
            KlaviyoToSegmentLog.Oversized(_logger, Options.SyncName, stream.Name, id, message.Length, SegmentLimits.MaxMessageBytes);
            stream.Tracker.Handle(time, id);
            return;
        }

        if (!stream.Batch.TryAdd(message, isTrack))
        {
            await FlushAsync(stream, run, cancellationToken).ConfigureAwait(false);
            if (!stream.Batch.TryAdd(message, isTrack))
            {
                throw new InvalidOperationException("A message within Segment's per-message limit did not fit an empty batch.");
            }
        }

        stream.Tracker.Handle(time, id);
    }

    /// <summary>At a page's end, records progress made only of skipped changes (nothing waits in the batch).</summary>
    private Task PageEndAsync(StreamRun stream, CancellationToken cancellationToken) =>
        stream.Batch.Count == 0 ? CheckpointAsync(stream, cancellationToken) : Task.CompletedTask;

    /// <summary>Sends the batch, if any, then moves the cursor past everything handled.</summary>
    private async Task FlushAsync(StreamRun stream, RunTally run, CancellationToken cancellationToken)
    {
        var batch = stream.Batch;
        if (batch.Count > 0)
        {
            int attempts = await _segment.SendAsync(batch.Messages, cancellationToken).ConfigureAwait(false);
            run.Batches++;
            run.Retries += attempts - 1;
            run.IdentifiesSent += batch.Identifies;
            run.TracksSent += batch.Tracks;
            var cursor = await CheckpointAsync(stream, cancellationToken).ConfigureAwait(false);
            KlaviyoToSegmentLog.BatchAccepted(_logger, Options.SyncName, stream.Name, batch.Count, batch.Bytes, attempts, cursor?.Position ?? default);
            batch.Clear();
            return;
        }

        await CheckpointAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private async Task<KlaviyoToSegmentCursor?> CheckpointAsync(StreamRun stream, CancellationToken cancellationToken)
    {
        if (stream.Tracker.Checkpoint() is not { } cursor)
        {
            return null;
        }

        await _store.SetAsync(Options.SyncName, stream.Name, cursor, cancellationToken).ConfigureAwait(false);
        return cursor;
    }

    /// <summary>The chosen metrics: the ids as given, then the names resolved to every metric of that name.</summary>
    private async Task<List<(string Id, string? Name)>> ResolveMetricsAsync(RunTally run, CancellationToken cancellationToken)
    {
        var chosen = new List<(string Id, string? Name)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in Options.MetricIds)
        {
            if (ids.Add(id))
            {
                chosen.Add((id, null));
            }
        }

        if (Options.MetricNames.Count == 0)
        {
            return chosen;
        }

        var metrics = await _klaviyo.GetMetricsAsync(cancellationToken).ConfigureAwait(false);
        foreach (string name in Options.MetricNames.Distinct(StringComparer.Ordinal))
        {
            var matches = metrics.Where(m => string.Equals(m.Name, name, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                run.UnknownMetricNames.Add(name);
                KlaviyoToSegmentLog.UnknownMetric(_logger, Options.SyncName, name);
            }

            foreach (var metric in matches.Where(m => ids.Add(m.Id)))
            {
                chosen.Add((metric.Id, metric.Name));
            }
        }

        return chosen;
    }

    private sealed class StreamRun(string name, CursorTracker tracker)
    {
        public string Name { get; } = name;

        public CursorTracker Tracker { get; } = tracker;

        public SegmentBatch Batch { get; } = new();
    }

    private sealed class RunTally
    {
        private readonly Dictionary<KlaviyoToSegmentSkipReason, long> _skipped = [];

        public string? Error { get; set; }

        public long ProfilesRead { get; set; }

        public long IdentifiesSent { get; set; }

        public long EventsRead { get; set; }

        public long TracksSent { get; set; }

        public long Batches { get; set; }

        public long Retries { get; set; }

        public List<KlaviyoToSegmentOversizedMessage> Oversized { get; } = [];

        public List<string> UnknownMetricNames { get; } = [];

        public void Skip(KlaviyoToSegmentSkipReason reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

        public KlaviyoToSegmentRunResult ToResult(TimeSpan duration) => new()
        {
            Error = Error,
            ProfilesRead = ProfilesRead,
            IdentifiesSent = IdentifiesSent,
            EventsRead = EventsRead,
            TracksSent = TracksSent,
            Batches = Batches,
            Retries = Retries,
            Skipped = new Dictionary<KlaviyoToSegmentSkipReason, long>(_skipped),
            Oversized = [.. Oversized],
            UnknownMetricNames = [.. UnknownMetricNames],
            Duration = duration,
        };
    }
}
