using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class ProfileDeletionValidationTests
{
    private static ValidationResult<ProfileDeletionRequest> Validate(ProfileDeletionRequest request) =>
        KlaviyoRequestValidator.Validate(request);

    private static IEnumerable<TestCaseData> ExactlyOne()
    {
        yield return new TestCaseData(new ProfileDeletionRequest { ProfileId = "01GDDKASAP8TKDDA2GRZDSVP4H" }).SetArgDisplayNames("id");
        yield return new TestCaseData(new ProfileDeletionRequest { Email = "jane@example.com" }).SetArgDisplayNames("email");
        yield return new TestCaseData(new ProfileDeletionRequest { PhoneNumber = "+14155552671" }).SetArgDisplayNames("phone");
        yield return new TestCaseData(new ProfileDeletionRequest { Email = "jane@example.com", ProfileId = " ", PhoneNumber = "" })
            .SetArgDisplayNames("email and blanks");
    }

    [TestCaseSource(nameof(ExactlyOne))]
    public void Exactly_one_identifier_passes(ProfileDeletionRequest request) => ValidationAssert.Passes(Validate(request));

    private static IEnumerable<TestCaseData> NotExactlyOne()
    {
        yield return new TestCaseData(new ProfileDeletionRequest()).SetArgDisplayNames("none");
        yield return new TestCaseData(new ProfileDeletionRequest { ProfileId = "", Email = " " }).SetArgDisplayNames("blanks");
        yield return new TestCaseData(new ProfileDeletionRequest { ProfileId = "01GDD", Email = "jane@example.com" }).SetArgDisplayNames("id and email");
        yield return new TestCaseData(new ProfileDeletionRequest { Email = "jane@example.com", PhoneNumber = "+14155552671" }).SetArgDisplayNames("email and phone");
        yield return new TestCaseData(new ProfileDeletionRequest { ProfileId = "01GDD", Email = "jane@example.com", PhoneNumber = "+14155552671" })
            .SetArgDisplayNames("all three");
    }

    [TestCaseSource(nameof(NotExactlyOne))]
    public void Zero_or_several_identifiers_fail(ProfileDeletionRequest request)
    {
        var result = Validate(request);

        ValidationAssert.Fails(result, ("profile", "one_identifier"));
        Assert.That(result.Errors[0].Message, Is.EqualTo("Exactly one of Profile ID, Email or Phone Number is required."));
    }

    [Test]
    public void The_email_rules_apply()
    {
        ValidationAssert.Fails(Validate(new ProfileDeletionRequest { Email = "jane@" }), ("email", "email_format"));
        ValidationAssert.Fails(
            Validate(new ProfileDeletionRequest { Email = new string('j', 90) + "@example.com" }), ("email", "max_length"));
    }

    [Test]
    public void An_unconvertible_phone_alone_leaves_nothing_to_delete()
    {
        ValidationAssert.Fails(
            Validate(new ProfileDeletionRequest { PhoneNumber = "06 12 34 56 78", CountryCode = "US" }),
            ("phone_number", "phone_e164"),
            ("profile", "one_identifier"));
    }

    [Test]
    public void A_national_phone_is_normalized()
    {
        var request = new ProfileDeletionRequest { PhoneNumber = "07400 123456", CountryCode = "GB" };

        var normalized = ValidationAssert.Passes(Validate(request));

        Assert.That(normalized, Is.EqualTo(new ProfileDeletionRequest { PhoneNumber = "+447400123456" }));
    }

    [Test]
    public void Blank_identifiers_are_cleared()
    {
        var normalized = ValidationAssert.Passes(Validate(new ProfileDeletionRequest { ProfileId = "01GDD", Email = "", PhoneNumber = " " }));

        Assert.That(normalized, Is.EqualTo(new ProfileDeletionRequest { ProfileId = "01GDD" }));
    }

    [Test]
    public void A_country_code_outside_the_list_fails() =>
        ValidationAssert.Fails(
            Validate(new ProfileDeletionRequest { PhoneNumber = "+14155552671", CountryCode = "XK" }), ("country_code", "country_code"));
}
