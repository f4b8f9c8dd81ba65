using Klaviyo.Actions.Validation;
using NUnit.Framework;
using PhoneNumbers;

namespace Klaviyo.Actions.Tests.Validation;

public class PhoneNumberNormalizerTests
{
    // National numbers with their country code → E.164 (known-valid numbers; see also the example-number test).
    [TestCase("(201) 555-0123", "US", "+12015550123")]
    [TestCase("201.555.0123", "US", "+12015550123")]
    [TestCase("1 (201) 555-0123", "US", "+12015550123")]
    [TestCase("(415) 555-2671", "US", "+14155552671")]
    [TestCase("07400 123456", "GB", "+447400123456")]
    [TestCase("020 7946 0958", "GB", "+442079460958")]
    [TestCase("0121 234 5678", "GB", "+441212345678")]
    [TestCase("081234 56789", "IN", "+918123456789")]
    [TestCase("98765 43210", "IN", "+919876543210")]
    [TestCase("01512 3456789", "DE", "+4915123456789")]
    [TestCase("030 901820", "DE", "+4930901820")]
    [TestCase("(11) 96123-4567", "BR", "+5511961234567")]
    [TestCase("(21) 99876-5432", "BR", "+5521998765432")]
    [TestCase("(201) 555-0123", "us", "+12015550123")]
    public void National_number_with_country_code_becomes_E164(string input, string countryCode, string expected)
    {
        Assert.That(PhoneNumberNormalizer.TryNormalize(input, countryCode, out var e164), Is.True);
        Assert.That(e164, Is.EqualTo(expected));
    }

    // International input: separators removed, the country code argument ignored.
    [TestCase("+14155552671", null, "+14155552671")]
    [TestCase("+1 415 555 2671", null, "+14155552671")]
    [TestCase("+1-201-555-0123", null, "+12015550123")]
    [TestCase("+1 (415) 555-2671", null, "+14155552671")]
    [TestCase("+44 7400 123456", null, "+447400123456")]
    [TestCase("+44 20 7946 0958", null, "+442079460958")]
    [TestCase("+91 81234 56789", null, "+918123456789")]
    [TestCase("+49 1512 3456789", null, "+4915123456789")]
    [TestCase("+49 30 901820", null, "+4930901820")]
    [TestCase("+55 11 96123-4567", null, "+5511961234567")]
    [TestCase("  +1 415 555 2671", null, "+14155552671")]
    [TestCase("+44 7400 123456", "US", "+447400123456")]
    [TestCase("+1 415 555 2671", "US", "+14155552671")]
    public void International_number_is_validated_and_returned_as_E164(string input, string? countryCode, string expected)
    {
        Assert.That(PhoneNumberNormalizer.TryNormalize(input, countryCode, out var e164), Is.True);
        Assert.That(e164, Is.EqualTo(expected));
    }

    [TestCase("+12", null, Description = "Segment's regex accepts this; it is not a number")]
    [TestCase("+123", null)]
    [TestCase("+1 555 0100", null, Description = "pattern-shaped but not a valid NANP number")]
    [TestCase("+15550100", null)]
    [TestCase("+1 (555) 010-0100", null)]
    [TestCase("+44 123", null)]
    [TestCase("+999 123456", null, Description = "no such country calling code")]
    [TestCase("06 12 34 56 78", "US", Description = "a French number read as a US one")]
    [TestCase("011 33 6 12 34 56 78", "US", Description = "French via the US international prefix: not a US number")]
    [TestCase("07400 123456", "US")]
    [TestCase("4155552671", null, Description = "national number without a country code")]
    [TestCase("(415) 555-2671", "", Description = "national number with a blank country code")]
    [TestCase("(415) 555-2671", "ZZ", Description = "unknown country")]
    [TestCase("(415) 555-2671", "UN", Description = "in Segment's list but not a phone region")]
    [TestCase("(415) 555-2671", "USA")]
    [TestCase("+", null)]
    [TestCase("+1", "US")]
    [TestCase("n/a", "US")]
    [TestCase("-", "US")]
    [TestCase("not a phone", "US")]
    public void Unconvertible_input_fails(string input, string? countryCode)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PhoneNumberNormalizer.TryNormalize(input, countryCode, out var e164), Is.False);
            Assert.That(e164, Is.Null);
            Assert.That(PhoneNumberNormalizer.IsConvertible(input, countryCode), Is.False);
        });
    }

    [Test]
    public void Overlong_input_fails_without_parsing()
    {
        string input = "+1" + new string('2', 300);
        Assert.That(PhoneNumberNormalizer.TryNormalize(input, "US", out var e164), Is.False);
        Assert.That(e164, Is.Null);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Blank_input_is_no_phone_and_not_a_failure(string? input)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PhoneNumberNormalizer.TryNormalize(input, "US", out var e164), Is.True);
            Assert.That(e164, Is.Null);
            Assert.That(PhoneNumberNormalizer.IsConvertible(input, "US"), Is.False);
        });
    }

    [Test]
    public void Canonical_E164_input_is_returned_as_the_same_instance()
    {
        string input = string.Concat("+1415", "5552671");
        Assert.That(PhoneNumberNormalizer.TryNormalize(input, null, out var e164), Is.True);
        Assert.That(e164, Is.SameAs(input));
    }

    [Test]
    public void A_trunk_zero_after_the_country_code_is_removed()
    {
        Assert.That(PhoneNumberNormalizer.TryNormalize("+4407400123456", null, out var e164), Is.True);
        Assert.That(e164, Is.EqualTo("+447400123456"));
    }

    private static IEnumerable<TestCaseData> ExampleNumbers()
    {
        foreach (string region in new[] { "US", "GB", "IN", "DE", "BR" })
        {
            foreach (var type in new[] { PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE })
            {
                yield return new TestCaseData(region, type).SetArgDisplayNames(region, type.ToString());
            }
        }
    }

    [TestCaseSource(nameof(ExampleNumbers))]
    public void Libphonenumber_example_numbers_normalise_from_national_and_international_form(string region, PhoneNumberType type)
    {
        var util = PhoneNumberUtil.GetInstance();
        var example = util.GetExampleNumberForType(region, type);
        string expected = util.Format(example, PhoneNumberFormat.E164);
        string national = util.Format(example, PhoneNumberFormat.NATIONAL);
        string international = util.Format(example, PhoneNumberFormat.INTERNATIONAL);

        Assert.Multiple(() =>
        {
            Assert.That(PhoneNumberNormalizer.TryNormalize(national, region, out var fromNational), Is.True);
            Assert.That(fromNational, Is.EqualTo(expected));
            Assert.That(PhoneNumberNormalizer.TryNormalize(international, null, out var fromInternational), Is.True);
            Assert.That(fromInternational, Is.EqualTo(expected));
            Assert.That(PhoneNumberNormalizer.TryNormalize(national, null, out _), Is.False, "national needs a country");
        });
    }

    [Test]
    public void Concurrent_callers_each_get_their_own_result()
    {
        var inputs = new (string Input, string? Country, string Expected)[]
        {
            ("(201) 555-0123", "US", "+12015550123"),
            ("+44 7400 123456", null, "+447400123456"),
            ("081234 56789", "IN", "+918123456789"),
            ("01512 3456789", "DE", "+4915123456789"),
            ("(11) 96123-4567", "BR", "+5511961234567"),
        };
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 5000, i =>
        {
            var (input, country, expected) = inputs[i % inputs.Length];
            if (!PhoneNumberNormalizer.TryNormalize(input, country, out var e164) || e164 != expected)
            {
                failures.Add($"{i}: {e164}");
            }
        });

        Assert.That(failures, Is.Empty);
    }
}
