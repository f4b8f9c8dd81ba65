using System.Threading.RateLimiting;

namespace Klaviyo.Actions;

/// <summary>
/// The leases of a Klaviyo rate limiter (the contract on <see cref="KlaviyoRateLimitRequest"/>): acquired (with how
/// long the call waited, <see cref="KlaviyoRateLimitRequest.WaitedMetadata"/>), or refused with the wait that would
/// have been needed (<see cref="MetadataName.RetryAfter"/>). Neither holds anything to give back. Used by the
/// in-process and the Redis limiter; a limiter of your own can hand these out too.
/// </summary>
public sealed class KlaviyoRateLimitLease : RateLimitLease
{
    /// <summary>A slot granted at once.</summary>
    public static readonly KlaviyoRateLimitLease Immediate = new(true, KlaviyoRateLimitRequest.WaitedMetadata.Name, TimeSpan.Zero);

    private readonly string _metadataName;
    private readonly TimeSpan _metadata;

    private KlaviyoRateLimitLease(bool isAcquired, string metadataName, TimeSpan metadata)
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
    public static KlaviyoRateLimitLease Acquired(TimeSpan waited) =>
        waited <= TimeSpan.Zero ? Immediate : new(true, KlaviyoRateLimitRequest.WaitedMetadata.Name, waited);

    /// <summary>A refusal: the slot was <paramref name="retryAfter"/> away, longer than the caller's maximum wait.</summary>
    public static KlaviyoRateLimitLease Refused(TimeSpan retryAfter) => new(false, MetadataName.RetryAfter.Name, retryAfter);

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
