namespace Klaviyo.Actions.Sync;

/// <summary>What <see cref="KlaviyoListSync.RegisterConnectorAsync"/> needs to create or update a connector.</summary>
public sealed record ListSyncConnectorRegistration
{
    /// <summary>The segment whose membership is synced (at most 200 characters).</summary>
    public required string SegmentId { get; init; }

    /// <summary>The Klaviyo list id: exactly 6 letters or digits, case-sensitive (copy it from the list's URL).</summary>
    public required string ListId { get; init; }

    /// <summary>
    /// The name under which the Klaviyo client or API key is registered with the
    /// <see cref="IKlaviyoListSyncTargetProvider"/> (e.g. a named client, or a secret's name).
    /// The key itself is refused: the state store must never hold it.
    /// </summary>
    public required string CredentialName { get; init; }

    /// <summary>
    /// The status a new connector starts in; <see cref="ListSyncConnectorStatus.Inactive"/> by default, as the seed
    /// describes. Ignored when the connector already exists (use <see cref="KlaviyoListSync.ActivateAsync"/> /
    /// <see cref="KlaviyoListSync.DeactivateAsync"/>).
    /// </summary>
    public ListSyncConnectorStatus InitialStatus { get; init; } = ListSyncConnectorStatus.Inactive;
}
