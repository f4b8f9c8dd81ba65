namespace Klaviyo.Actions.Batching;

/// <summary>Rejects batching options that cannot work, naming the option and the rule.</summary>
internal static class KlaviyoBatchingOptionsCheck
{
    public static void ThrowIfInvalid(KlaviyoBatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Positive(options.Capacity, nameof(options.Capacity));
        if (options.MaxBatchItems is { } maxItems)
        {
            Positive(maxItems, nameof(options.MaxBatchItems));
        }

        if (options.MaxBatchBytes is { } maxBytes)
        {
            Positive(maxBytes, nameof(options.MaxBatchBytes));
        }

        Positive(options.MaxConcurrentRequests, nameof(options.MaxConcurrentRequests));
        Positive(options.MaxConcurrentSends, nameof(options.MaxConcurrentSends));
        Positive(options.MaxConcurrentFlushes, nameof(options.MaxConcurrentFlushes));
        Positive(options.MaxDelay, nameof(options.MaxDelay));
        Positive(options.JobTrackingTimeout, nameof(options.JobTrackingTimeout));
        Positive(options.JobPollInterval, nameof(options.JobPollInterval));
        if (options.ShutdownDrainTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ShutdownDrainTimeout, "KlaviyoBatchingOptions.ShutdownDrainTimeout must not be negative.");
        }

        if (!Enum.IsDefined(options.FullMode))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FullMode, "KlaviyoBatchingOptions.FullMode must be Wait or FailFast.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            string option = "KlaviyoBatchingOptions." + name;
            throw new ArgumentOutOfRangeException(option, value, option + " must be at least 1.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            string option = "KlaviyoBatchingOptions." + name;
            throw new ArgumentOutOfRangeException(option, value, option + " must be greater than zero.");
        }
    }
}
