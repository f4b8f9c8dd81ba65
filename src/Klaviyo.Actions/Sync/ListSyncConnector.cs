namespace Klaviyo.Actions.Sync;

/// <summary>A segment → Klaviyo list connector as the sync state store holds it.</summary>
public sealed record ListSyncConnector
{
    /// <summary>The segment whose membership is synced.</summary>
    public required string SegmentId { get; init; }

    /// <summary>The Klaviyo list (6 characters, case-sensitive).</summary>
    public required string ListId { get; init; }

    /// <summary>
    /// The name of the Klaviyo client or API-key secret to sync with, resolved by an
    /// <see cref="IKlaviyoListSyncTargetProvider"/>. Never the key itself.
    /// </summary>
    public required string CredentialName { get; init; }

    /// <summary>The connector's status.</summary>
    public required ListSyncConnectorStatus Status { get; init; }

    /// <summary>What the last failed run reported (no personal data); cleared by a successful run.</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> was recorded.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>When a run last completed with every change accepted by Klaviyo.</summary>
    public DateTimeOffset? LastSyncedAt { get; init; }

    /// <summary>When the connector was registered.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether a worker holds an unexpired lease on the connector (a run is in progress).</summary>
    public bool IsSyncing { get; init; }

    /// <summary>Who holds the connector's unexpired lease and until when; <see langword="null"/> when nobody does.</summary>
    public ListSyncLeaseHolder? LeaseHolder { get; init; }
}
