using Klaviyo.Actions.Http;
using Klaviyo.Actions.Http.RateLimiting;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Http.RateLimiting;

public class SlidingWindowLogTests
{
    private const long Second = 1_000;
    private static readonly KlaviyoRateLimitWindows M = KlaviyoRateLimitWindows.ForTier(RateLimitTier.M);

    [Test]
    public void Tiers_match_Klaviyos_published_limits()
    {
        Assert.Multiple(() =>
        {
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.XS), Is.EqualTo(new KlaviyoRateLimitWindows(1, 15)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.S), Is.EqualTo(new KlaviyoRateLimitWindows(3, 60)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.M), Is.EqualTo(new KlaviyoRateLimitWindows(10, 150)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.L), Is.EqualTo(new KlaviyoRateLimitWindows(75, 750)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.XL), Is.EqualTo(new KlaviyoRateLimitWindows(350, 3500)));
        });
    }

    [Test]
    public void Share_scales_both_windows_down_but_never_below_one_call()
    {
        Assert.Multiple(() =>
        {
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.M, 0.5), Is.EqualTo(new KlaviyoRateLimitWindows(5, 75)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.XS, 0.5), Is.EqualTo(new KlaviyoRateLimitWindows(1, 7)));
            Assert.That(KlaviyoRateLimitWindows.ForTier(RateLimitTier.XS, 0.1), Is.EqualTo(new KlaviyoRateLimitWindows(1, 1)));
        });
    }

    [Test]
    public void The_burst_window_admits_ten_calls_per_second_for_tier_M()
    {
        var log = new SlidingWindowLog(timestampFrequency: 1_000);
        var slots = Enumerable.Range(0, 30).Select(_ => log.TryReserve(0, M, long.MaxValue)!.Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(slots.Take(10), Is.All.EqualTo(0));
            Assert.That(slots.Skip(10).Take(10), Is.All.EqualTo(Second));
            Assert.That(slots.Skip(20).Take(10), Is.All.EqualTo(2 * Second));
        });
    }

    [Test]
    public void The_steady_window_holds_the_151st_call_until_the_first_leaves_the_minute()
    {
        var log = new SlidingWindowLog(timestampFrequency: 1_000);
        var slots = Enumerable.Range(0, 170).Select(_ => log.TryReserve(0, M, long.MaxValue)!.Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(slots[149], Is.EqualTo(14 * Second));
            Assert.That(slots[150], Is.EqualTo(60 * Second));
            Assert.That(slots[159], Is.EqualTo(60 * Second));
            Assert.That(slots[160], Is.EqualTo(61 * Second));
        });

        // Every 60-second window holds at most 150 grants, every 1-second window at most 10.
        foreach (long start in slots.Distinct())
        {
            Assert.That(slots.Count(s => s >= start && s < start + (60 * Second)), Is.LessThanOrEqualTo(150));
            Assert.That(slots.Count(s => s >= start && s < start + Second), Is.LessThanOrEqualTo(10));
        }
    }

    [Test]
    public void A_reservation_further_than_max_wait_is_refused_and_not_counted()
    {
        var log = new SlidingWindowLog(timestampFrequency: 1_000);
        var xs = KlaviyoRateLimitWindows.ForTier(RateLimitTier.XS);

        Assert.That(log.TryReserve(0, xs, maxWaitTicks: 500), Is.EqualTo(0));
        Assert.That(log.TryReserve(0, xs, maxWaitTicks: 500), Is.Null);
        Assert.That(log.Count, Is.EqualTo(1));
        Assert.That(log.TryReserve(0, xs, maxWaitTicks: 1_000), Is.EqualTo(Second));
    }

    [Test]
    public void A_released_reservation_frees_its_slot()
    {
        var log = new SlidingWindowLog(timestampFrequency: 1_000);
        var xs = KlaviyoRateLimitWindows.ForTier(RateLimitTier.XS);
        log.TryReserve(0, xs, long.MaxValue);
        long second = log.TryReserve(0, xs, long.MaxValue)!.Value;

        log.Release(second);

        Assert.That(log.TryReserve(0, xs, long.MaxValue), Is.EqualTo(Second));
    }

    [Test]
    public void Grants_older_than_a_minute_are_forgotten()
    {
        var log = new SlidingWindowLog(timestampFrequency: 1_000);
        for (int i = 0; i < 10; i++)
        {
            log.TryReserve(0, M, long.MaxValue);
        }

        Assert.That(log.TryReserve(61 * Second, M, long.MaxValue), Is.EqualTo(61 * Second));
        Assert.That(log.Count, Is.EqualTo(1));
    }
}
