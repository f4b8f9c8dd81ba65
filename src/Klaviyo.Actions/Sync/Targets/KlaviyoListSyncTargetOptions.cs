namespace Klaviyo.Actions.Sync;

/// <summary>How a <see cref="KlaviyoListSyncTarget"/> confirms additions.</summary>
public sealed class KlaviyoListSyncTargetOptions
{
    /// <summary>
    /// Whether each bulk profile import job is followed until Klaviyo finishes it, so import errors become per-member
    /// rejections and a member is recorded as synced only once Klaviyo processed it. Defaults to <see langword="true"/>.
    /// When off, a member counts as synced as soon as Klaviyo accepted the job (202).
    /// </summary>
    public bool TrackImportJobs { get; set; } = true;

    /// <summary>
    /// How long to follow one import job. Defaults to 10 minutes (at least 1 second). Must stay below
    /// <see cref="ListSyncOptions.LeaseDuration"/>, or another worker may take the connector over meanwhile.
    /// </summary>
    public TimeSpan JobTrackingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What a member whose import job did not finish within <see cref="JobTrackingTimeout"/> counts as:
    /// <see langword="false"/> (the default) reports it failed, so the next run sends it again (an upsert is
    /// idempotent); <see langword="true"/> records it as synced because Klaviyo accepted the job.
    /// </summary>
    public bool AcceptUnconfirmedImports { get; set; }

    /// <summary>
    /// Whether a member whose phone number Klaviyo's rules refuse (not E.164) but who has an email or external id is
    /// sent again without the phone, instead of being rejected. Defaults to <see langword="true"/>.
    /// </summary>
    public bool DropInvalidPhoneNumbers { get; set; } = true;

    /// <summary>Checks the options, naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (JobTrackingTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(JobTrackingTimeout), JobTrackingTimeout, "KlaviyoListSyncTargetOptions.JobTrackingTimeout must be at least 1 second.");
        }
    }

    internal KlaviyoListSyncTargetOptions Clone() => (KlaviyoListSyncTargetOptions)MemberwiseClone();
}
