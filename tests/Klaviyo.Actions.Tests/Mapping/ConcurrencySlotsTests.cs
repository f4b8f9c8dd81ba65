using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>The destination's lock-free concurrency gate: one producer waits, many finished items release.</summary>
public class ConcurrencySlotsTests
{
    [Test]
    public async Task Never_more_than_the_count_run_at_once_and_every_slot_comes_back()
    {
        var slots = new ConcurrencySlots(4);
        int running = 0, peak = 0;
        var work = new List<Task>();
        for (int i = 0; i < 20_000; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            work.Add(Task.Run(() =>
            {
                Interlocked.Decrement(ref running);
                slots.Release();
            }));
        }

        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(peak, Is.LessThanOrEqualTo(4));
            Assert.That(slots.Available, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task A_waiting_producer_is_woken_by_a_release_and_can_be_cancelled()
    {
        var slots = new ConcurrencySlots(1);
        await slots.WaitAsync(CancellationToken.None);

        var waiting = slots.WaitAsync(CancellationToken.None).AsTask();
        Assert.That(waiting.IsCompleted, Is.False, "no slot is free");
        slots.Release();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        using var cancel = new CancellationTokenSource();
        var cancelled = slots.WaitAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(slots.Available, Is.Zero, "the cancelled wait took nothing");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current = Volatile.Read(ref target);
        while (value > current)
        {
            int seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
