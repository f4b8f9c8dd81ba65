using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

/// <summary>A repeated conversion (served from the cache) gives exactly what the first one gave.</summary>
public class PhoneNumberCacheTests
{
    [Test]
    public void Repeated_national_number_converts_the_same_and_the_country_still_counts()
    {
        Assert.That(PhoneNumberNormalizer.TryNormalize("(415) 555-2671", "US", out var first), Is.True);
        Assert.That(PhoneNumberNormalizer.TryNormalize("(415) 555-2671", "US", out var second), Is.True);
        Assert.That(second, Is.EqualTo("+14155552671"));
        Assert.That(second, Is.EqualTo(first));

        // The same digits read in another country are not the cached US answer.
        Assert.That(PhoneNumberNormalizer.TryNormalize("(415) 555-2671", "FR", out var french), Is.False);
        Assert.That(french, Is.Null);
        Assert.That(PhoneNumberNormalizer.TryNormalize("(415) 555-2671", null, out _), Is.False);
    }

    [Test]
    public void Repeated_invalid_number_stays_invalid()
    {
        for (int i = 0; i < 3; i++)
        {
            Assert.That(PhoneNumberNormalizer.TryNormalize("+1 000 000 0000", null, out var e164), Is.False);
            Assert.That(e164, Is.Null);
        }
    }

    [Test]
    public void Canonical_input_gets_its_own_instance_back_on_a_repeat()
    {
        string first = new("+447400123456".AsSpan());
        string second = new("+447400123456".AsSpan());
        Assert.That(PhoneNumberNormalizer.TryNormalize(first, null, out var a), Is.True);
        Assert.That(PhoneNumberNormalizer.TryNormalize(second, null, out var b), Is.True);
        Assert.That(a, Is.SameAs(first));
        Assert.That(b, Is.SameAs(second));
    }

    [Test]
    public void More_distinct_numbers_than_the_capacity_still_convert()
    {
        for (int i = 0; i < PhoneNumberCache.Capacity + 10; i++)
        {
            string input = $"+1 201 555 {i % 10000:D4}";
            Assert.That(PhoneNumberNormalizer.TryNormalize(input, null, out var e164), Is.True, input);
            Assert.That(e164, Is.EqualTo($"+1201555{i % 10000:D4}"));
        }
    }
}
