using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Batching;

/// <summary>What every request of one engine run shares.</summary>
internal sealed class ChunkContext(
    ItemLedger ledger,
    BulkRunSettings settings,
    BatchingTelemetry telemetry,
    ILogger logger,
    ImportJobFollower? jobFollower)
{
    public ItemLedger Ledger { get; } = ledger;

    public BulkRunSettings Settings { get; } = settings;

    public BatchingTelemetry Telemetry { get; } = telemetry;

    public ILogger Logger { get; } = logger;

    /// <summary>Follows import jobs; <see langword="null"/> when tracking is off for this run.</summary>
    public ImportJobFollower? JobFollower { get; } = jobFollower;

    /// <summary>Whether tracking was asked for (even if no tracker is available).</summary>
    public bool TrackingRequested => Settings.TrackImportJobs;
}

/// <summary>One planned bulk request, ready to run.</summary>
internal interface IChunkWork
{
    /// <summary>Sends the request (and at most one resend) and reports every part's outcome. Never throws.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
