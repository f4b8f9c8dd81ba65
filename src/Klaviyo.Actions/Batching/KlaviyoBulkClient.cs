using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// The default <see cref="IKlaviyoBulkClient"/>: plans requests at Klaviyo's limits (see
/// <see cref="KlaviyoBulkLimits"/>) and reports an honest outcome per item. Thread-safe; keep one per API key.
/// Also the sender behind <see cref="KlaviyoBatcher"/>.
/// </summary>
public sealed class KlaviyoBulkClient : IKlaviyoBulkClient
{
    private readonly KlaviyoBatchingOptions _options;

    /// <summary>
    /// Creates a bulk client that sends through <paramref name="client"/>: its transport (authentication, rate
    /// limiting, retries), its clock (events sent without a time are stamped with it, and job polling waits on it)
    /// and, unless given here, its logging and <see cref="KlaviyoClientOptions.Batching"/>.
    /// </summary>
    /// <param name="client">The client to send through.</param>
    /// <param name="options">Batching options; the client's <see cref="KlaviyoClientOptions.Batching"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Logging; the client's when <see langword="null"/>.</param>
    /// <param name="meterFactory">Where the batching metrics are created; the process-wide meter when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public KlaviyoBulkClient(KlaviyoClient client, KlaviyoBatchingOptions? options = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(
            NotNull(client).CreateBulkEndpoints(),
            options ?? client.BatchingOptions,
            client.TimeProvider,
            loggerFactory ?? client.LoggerFactory,
            meterFactory)
    {
        SingleClient = client;
    }

    /// <summary>Creates a bulk client over wire endpoints (the client's, or fakes in tests).</summary>
    internal KlaviyoBulkClient(
        KlaviyoBulkEndpoints endpoints,
        KlaviyoBatchingOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        IBatchItemValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _options = options ?? new KlaviyoBatchingOptions();
        KlaviyoBatchingOptionsCheck.ThrowIfInvalid(_options);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KlaviyoBulkClient>();
        Engine = new BulkEngine(endpoints, _options, timeProvider ?? TimeProvider.System, BatchingTelemetry.For(meterFactory), logger, validator);
    }

    /// <summary>The options this client was created with.</summary>
    public KlaviyoBatchingOptions Options => _options;

    internal BulkEngine Engine { get; }

    /// <summary>The client this bulk client was created over (a queue sends actions that do not batch through it); <see langword="null"/> over fake endpoints.</summary>
    internal IKlaviyoClient? SingleClient { get; }

    /// <inheritdoc />
    public async Task<KlaviyoBatchResult<KlaviyoBatchItem>> SendAsync(IEnumerable<KlaviyoBatchItem> items, KlaviyoBulkCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items as IReadOnlyList<KlaviyoBatchItem> ?? [.. items];
        var prepared = new PreparedItem[list.Count];
        for (int i = 0; i < prepared.Length; i++)
        {
            var item = list[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
            prepared[i] = Engine.Prepare(item);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var sink = new CollectingSink(prepared.Length, Engine.Telemetry);
        await Engine.ExecuteAsync(prepared, SettingsFor(options, "the bulk call was cancelled"), sink, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return new KlaviyoBatchResult<KlaviyoBatchItem>(list, sink.Outcomes);
    }

    private static KlaviyoClient NotNull(KlaviyoClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client;
    }

    internal BulkRunSettings SettingsFor(KlaviyoBulkCallOptions? options, string cancelledReason) => new(
        options?.TrackImportJobs ?? _options.TrackImportJobs,
        options?.JobTrackingTimeout ?? _options.JobTrackingTimeout,
        cancelledReason);

    /// <summary>Collects outcomes by index and counts them in telemetry.</summary>
    private sealed class CollectingSink(int count, BatchingTelemetry telemetry) : IBulkOutcomeSink
    {
        public KlaviyoItemOutcome[] Outcomes { get; } = new KlaviyoItemOutcome[count];

        public void OnCompleted(int index, KlaviyoItemOutcome outcome)
        {
            Outcomes[index] = outcome;
            telemetry.RecordItem(outcome.Action, outcome.Status);
        }

        public void OnProvisional(int index, KlaviyoItemOutcome outcome)
        {
        }

        public void OnRequestsFinished()
        {
        }
    }
}
