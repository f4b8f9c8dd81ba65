using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class CountryCodesTests
{
    [Test]
    public void Holds_Segments_247_uppercase_codes_in_order()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CountryCodes.All, Has.Count.EqualTo(247));
            Assert.That(CountryCodes.All, Is.Unique);
            Assert.That(CountryCodes.All, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(CountryCodes.All, Has.All.Matches<string>(c => c.Length == 2 && c.All(char.IsAsciiLetterUpper)));
            Assert.That(CountryCodes.All, Does.Contain("UN"), "Segment's non-ISO United Nations entry");
            Assert.That(CountryCodes.All[0], Is.EqualTo("AD"));
            Assert.That(CountryCodes.All[^1], Is.EqualTo("ZW"));
        });
    }

    [TestCase("US")]
    [TestCase("GB")]
    [TestCase("UN")]
    [TestCase("AX")]
    [TestCase("ZW")]
    [TestCase("us")]
    [TestCase("Gb")]
    public void Accepts(string code) => Assert.That(CountryCodes.IsValid(code), Is.True);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("U")]
    [TestCase("USA")]
    [TestCase(" US")]
    [TestCase("UK", Description = "the ISO code is GB")]
    [TestCase("XK", Description = "Kosovo: not in Segment's list")]
    [TestCase("TW", Description = "not in Segment's list")]
    [TestCase("EU")]
    public void Rejects(string? code) => Assert.That(CountryCodes.IsValid(code), Is.False);
}
