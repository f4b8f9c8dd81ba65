using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class SubscriptionValidationTests
{
    private static ValidationResult<SubscribeProfileRequest> Validate(SubscribeProfileRequest request) =>
        KlaviyoRequestValidator.Validate(request, TestClock.Create());

    private static ValidationResult<UnsubscribeProfileRequest> Validate(UnsubscribeProfileRequest request) =>
        KlaviyoRequestValidator.Validate(request, TestClock.Create());

    [TestCase(null, null)]
    [TestCase("", " ")]
    public void Subscribe_needs_email_or_phone(string? email, string? phone)
    {
        var result = Validate(new SubscribeProfileRequest { Email = email, PhoneNumber = phone });

        ValidationAssert.Fails(result, ("profile", "identifier_required"));
        Assert.That(result.Errors[0].Message, Is.EqualTo("Phone Number or Email is required."));
    }

    [Test]
    public void Unsubscribe_needs_email_or_phone()
    {
        var result = Validate(new UnsubscribeProfileRequest());

        ValidationAssert.Fails(result, ("profile", "identifier_required"));
        Assert.That(result.Errors[0].Message, Is.EqualTo("Phone Number or Email is required."));
    }

    [Test]
    public void An_unconvertible_phone_alone_is_not_an_identifier()
    {
        ValidationAssert.Fails(
            Validate(new SubscribeProfileRequest { PhoneNumber = "+1 555 0100" }),
            ("phone_number", "phone_e164"),
            ("profile", "identifier_required"));
    }

    [Test]
    public void Subscribe_normalizes_the_phone_and_keeps_the_rest()
    {
        var request = new SubscribeProfileRequest
        {
            Email = "Jane@Example.com",
            PhoneNumber = "01512 3456789",
            CountryCode = "DE",
            ListId = "LIST_A",
            CustomSource = "Website Footer",
        };

        var normalized = ValidationAssert.Passes(Validate(request));

        Assert.That(normalized, Is.EqualTo(request with { PhoneNumber = "+4915123456789", CountryCode = null }));
    }

    [Test]
    public void Unsubscribe_normalizes_the_phone()
    {
        var request = new UnsubscribeProfileRequest { PhoneNumber = "+1 (415) 555-2671", CountryCode = "US", ListId = "LIST_A" };

        var normalized = ValidationAssert.Passes(Validate(request));

        Assert.That(normalized, Is.EqualTo(request with { PhoneNumber = "+14155552671", CountryCode = null }));
    }

    [Test]
    public void Historical_import_requires_consented_at()
    {
        var result = Validate(new SubscribeProfileRequest { Email = "jane@example.com", HistoricalImport = true });

        ValidationAssert.Fails(result, ("consented_at", "required"));
    }

    private static IEnumerable<TestCaseData> ConsentTimes()
    {
        yield return new TestCaseData(TestClock.Now.AddSeconds(-1), true).SetArgDisplayNames("one second ago");
        yield return new TestCaseData(TestClock.Now.AddYears(-5), true).SetArgDisplayNames("five years ago");
        yield return new TestCaseData(TestClock.Now, false).SetArgDisplayNames("now");
        yield return new TestCaseData(TestClock.Now.AddMinutes(1), false).SetArgDisplayNames("in a minute");
    }

    [TestCaseSource(nameof(ConsentTimes))]
    public void Historical_import_requires_consented_at_in_the_past(DateTimeOffset consentedAt, bool valid)
    {
        var result = Validate(new SubscribeProfileRequest { Email = "jane@example.com", HistoricalImport = true, ConsentedAt = consentedAt });

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("consented_at", "time_window"));
        }
    }

    [Test]
    public void Consented_at_without_historical_import_is_not_checked()
    {
        var request = new SubscribeProfileRequest { Email = "jane@example.com", ConsentedAt = TestClock.Now.AddDays(3) };

        Assert.That(ValidationAssert.Passes(Validate(request)), Is.SameAs(request));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Custom_source_is_required(string? source) =>
        ValidationAssert.Fails(
            Validate(new SubscribeProfileRequest { Email = "jane@example.com", CustomSource = source! }),
            ("custom_source", "required"));

    [Test]
    public void Subscribe_list_id_must_be_well_formed_when_set()
    {
        ValidationAssert.Fails(
            Validate(new SubscribeProfileRequest { Email = "jane@example.com", ListId = "a/b" }), ("list_id", "list_id_format"));
        ValidationAssert.Fails(
            Validate(new UnsubscribeProfileRequest { Email = "jane@example.com", ListId = "" }), ("list_id", "list_id_format"));
    }

    private static IEnumerable<TestCaseData> Channels()
    {
        const ConsentChannels email = ConsentChannels.EmailMarketing;
        const ConsentChannels sms = ConsentChannels.SmsMarketing;
        const ConsentChannels transactional = ConsentChannels.SmsTransactional;
        (string, string)[] none = [];

        yield return new TestCaseData(email, "jane@example.com", null, none).SetArgDisplayNames("email with email");
        yield return new TestCaseData(sms, null, "+14155552671", none).SetArgDisplayNames("sms with phone");
        yield return new TestCaseData(transactional, null, "+14155552671", none).SetArgDisplayNames("transactional with phone");
        yield return new TestCaseData(email | sms | transactional, "jane@example.com", "+14155552671", none).SetArgDisplayNames("all with both");
        yield return new TestCaseData(email, null, "+14155552671", new[] { ("email", "consent") }).SetArgDisplayNames("email without email");
        yield return new TestCaseData(sms, "jane@example.com", null, new[] { ("phone_number", "consent") }).SetArgDisplayNames("sms without phone");
        yield return new TestCaseData(transactional, "jane@example.com", null, new[] { ("phone_number", "consent") })
            .SetArgDisplayNames("transactional without phone");
        yield return new TestCaseData(email | sms, "jane@example.com", "+12", new[] { ("phone_number", "phone_e164"), ("phone_number", "consent") })
            .SetArgDisplayNames("sms with unconvertible phone");
        yield return new TestCaseData(ConsentChannels.None, "jane@example.com", null, new[] { ("channels", "consent") }).SetArgDisplayNames("none");
        yield return new TestCaseData((ConsentChannels)8 | email, "jane@example.com", null, new[] { ("channels", "consent") })
            .SetArgDisplayNames("unknown channel");
    }

    [TestCaseSource(nameof(Channels))]
    public void Subscribe_channels_need_their_identifiers(ConsentChannels channels, string? email, string? phone, (string, string)[] expected)
    {
        var result = Validate(new SubscribeProfileRequest { Email = email, PhoneNumber = phone, Channels = channels });

        Assert.That(ValidationAssert.Pairs(result), Is.EquivalentTo(expected));
    }

    [TestCaseSource(nameof(Channels))]
    public void Unsubscribe_channels_need_their_identifiers(ConsentChannels channels, string? email, string? phone, (string, string)[] expected)
    {
        var result = Validate(new UnsubscribeProfileRequest { Email = email, PhoneNumber = phone, Channels = channels });

        Assert.That(ValidationAssert.Pairs(result), Is.EquivalentTo(expected));
    }

    [Test]
    public void Consent_messages_are_specific()
    {
        var result = Validate(new SubscribeProfileRequest
        {
            PhoneNumber = "+14155552671",
            Channels = ConsentChannels.EmailMarketing,
        });
        Assert.That(result.Errors.Single().Message, Is.EqualTo("Email marketing consent requires an Email."));
    }

    [Test]
    public void Every_subscribe_failure_is_reported_together()
    {
        var request = new SubscribeProfileRequest
        {
            Email = "not-an-email",
            PhoneNumber = "12345",
            CountryCode = "QQ",
            ListId = "list id",
            CustomSource = "",
            HistoricalImport = true,
            Channels = ConsentChannels.SmsMarketing,
        };

        ValidationAssert.Fails(
            Validate(request),
            ("email", "email_format"),
            ("country_code", "country_code"),
            ("phone_number", "phone_e164"),
            ("list_id", "list_id_format"),
            ("custom_source", "required"),
            ("consented_at", "required"),
            ("phone_number", "consent"));
    }
}
