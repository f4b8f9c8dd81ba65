using System.Threading.RateLimiting;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// A lease of the Redis limiter: acquired (with <see cref="KlaviyoRateLimitRequest.WaitedMetadata"/>) or refused (with
/// <see cref="MetadataName.RetryAfter"/>). It holds nothing to give back: a sent call counts in Klaviyo's windows.
/// </summary>
internal sealed class RedisRateLimitLease : RateLimitLease
{
    private readonly string _metadataName;
    private readonly TimeSpan _metadata;

    private RedisRateLimitLease(bool isAcquired, string metadataName, TimeSpan metadata)
    {
        IsAcquired = isAcquired;
        _metadataName = metadataName;
        _metadata = metadata;
    }

    /// <inheritdoc />
    public override bool IsAcquired { get; }

    /// <inheritdoc />
    public override IEnumerable<string> MetadataNames => [_metadataName];

    /// <summary>A slot granted after waiting <paramref name="waited"/>.</summary>
    public static RedisRateLimitLease Acquired(TimeSpan waited) => new(true, KlaviyoRateLimitRequest.WaitedMetadata.Name, waited);

    /// <summary>A refusal: the slot was <paramref name="retryAfter"/> away, beyond the caller's maximum wait.</summary>
    public static RedisRateLimitLease Refused(TimeSpan retryAfter) => new(false, MetadataName.RetryAfter.Name, retryAfter);

    /// <inheritdoc />
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == _metadataName)
        {
            metadata = _metadata;
            return true;
        }

        metadata = null;
        return false;
    }
}
