using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class TrackEventValidationTests
{
    private static readonly EventProfile Jane = new() { Email = "jane@example.com" };

    private static TrackEventRequest Event(EventProfile? profile = null, string metric = "Viewed Product") =>
        new() { Profile = profile ?? Jane, MetricName = metric };

    private static ValidationResult<TrackEventRequest> Validate(TrackEventRequest request) =>
        KlaviyoRequestValidator.Validate(request, TestClock.Create());

    [Test]
    public void A_minimal_event_passes_unchanged()
    {
        var request = Event();
        Assert.That(ValidationAssert.Passes(Validate(request)), Is.SameAs(request));
    }

    [Test]
    public void A_null_profile_is_a_required_error_not_a_crash()
    {
        var result = Validate(new TrackEventRequest { Profile = null!, MetricName = "Viewed Product" });

        ValidationAssert.Fails(result, ("profile", "required"));
    }

    private static IEnumerable<TestCaseData> ProfilesWithoutIdentifier()
    {
        yield return new TestCaseData(new EventProfile()).SetArgDisplayNames("empty");
        yield return new TestCaseData(new EventProfile { Email = "", PhoneNumber = " ", ExternalId = "", AnonymousId = "  " })
            .SetArgDisplayNames("blank");
        yield return new TestCaseData(new EventProfile { CountryCode = "US" }).SetArgDisplayNames("country only");
        yield return new TestCaseData(new EventProfile
        {
            AdditionalAttributes = new Dictionary<string, object?> { ["first_name"] = "Jane" },
        }).SetArgDisplayNames("attributes only");
    }

    [TestCaseSource(nameof(ProfilesWithoutIdentifier))]
    public void A_profile_without_identifier_fails_with_Segments_message(EventProfile profile)
    {
        var result = Validate(Event(profile));

        ValidationAssert.Fails(result, ("profile", "identifier_required"));
        Assert.That(result.Errors[0].Message, Is.EqualTo("One of External ID, Anonymous ID, Phone Number or Email is required."));
    }

    private static IEnumerable<TestCaseData> ProfilesWithOneIdentifier()
    {
        yield return new TestCaseData(new EventProfile { Email = "jane@example.com" }).SetArgDisplayNames("email");
        yield return new TestCaseData(new EventProfile { PhoneNumber = "+14155552671" }).SetArgDisplayNames("phone");
        yield return new TestCaseData(new EventProfile { ExternalId = "user-1" }).SetArgDisplayNames("external id");
        yield return new TestCaseData(new EventProfile { AnonymousId = "anon-1" }).SetArgDisplayNames("anonymous id");
    }

    [TestCaseSource(nameof(ProfilesWithOneIdentifier))]
    public void Any_one_profile_identifier_is_enough(EventProfile profile) =>
        ValidationAssert.Passes(Validate(Event(profile)));

    [Test]
    public void Profile_identifier_errors_use_profile_keys()
    {
        var result = Validate(Event(new EventProfile
        {
            Email = "not-an-email",
            PhoneNumber = "555-0100",
            CountryCode = "XX",
            ExternalId = new string('x', 256),
        }));

        ValidationAssert.Fails(
            result,
            ("profile.email", "email_format"),
            ("profile.country_code", "country_code"),
            ("profile.phone_number", "phone_e164"),
            ("profile.external_id", "max_length"));
        Assert.That(
            ValidationAssert.Single(result, "profile.external_id", "max_length").Message,
            Is.EqualTo("Length of external_id must be no more than 255 characters."));
    }

    [Test]
    public void Profile_phone_is_normalized_and_the_rest_of_the_profile_kept()
    {
        var attributes = new Dictionary<string, object?> { ["first_name"] = "Jane" };
        var profile = new EventProfile
        {
            Email = "Jane@Example.com",
            PhoneNumber = "(11) 96123-4567",
            CountryCode = "BR",
            AnonymousId = "anon-1",
            AdditionalAttributes = attributes,
        };
        var request = Event(profile) with { Value = 9.99m, ValueCurrency = "BRL", UniqueId = "evt-1" };

        var normalized = ValidationAssert.Passes(Validate(request));

        Assert.That(normalized, Is.EqualTo(request with { Profile = profile with { PhoneNumber = "+5511961234567", CountryCode = null } }));
        Assert.That(normalized.Profile.AdditionalAttributes, Is.SameAs(attributes));
    }

    [TestCase(1, true)]
    [TestCase(127, true)]
    [TestCase(128, false)]
    public void Metric_name_must_be_shorter_than_128_characters(int length, bool valid)
    {
        var result = Validate(Event(metric: new string('m', length)));

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("metric_name", "max_length"));
            Assert.That(result.Errors[0].Message, Is.EqualTo("Metric Name must be less than 128 characters."));
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Metric_name_is_required(string? metric) =>
        ValidationAssert.Fails(Validate(Event(metric: metric!)), ("metric_name", "required"));

    private static IEnumerable<TestCaseData> Times()
    {
        var now = TestClock.Now;
        var epoch = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        yield return new TestCaseData(epoch.AddSeconds(1), true).SetArgDisplayNames("just after 2000");
        yield return new TestCaseData(epoch, false).SetArgDisplayNames("exactly 2000-01-01");
        yield return new TestCaseData(epoch.AddSeconds(-1), false).SetArgDisplayNames("just before 2000");
        yield return new TestCaseData(new DateTimeOffset(2000, 1, 1, 0, 30, 0, TimeSpan.FromHours(1)), false)
            .SetArgDisplayNames("2000-01-01T00:30+01:00 is 1999 in UTC");
        yield return new TestCaseData(now, true).SetArgDisplayNames("now");
        yield return new TestCaseData(now.AddYears(1), true).SetArgDisplayNames("now + 1 year");
        yield return new TestCaseData(now.AddYears(1).AddSeconds(1), false).SetArgDisplayNames("now + 1 year + 1 s");
        yield return new TestCaseData(now.AddYears(1).ToOffset(TimeSpan.FromHours(-8)), true).SetArgDisplayNames("now + 1 year, other offset");
    }

    [TestCaseSource(nameof(Times))]
    public void Time_must_be_after_2000_and_at_most_a_year_ahead(DateTimeOffset time, bool valid)
    {
        var result = Validate(Event() with { Time = time });

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("time", "time_window"));
        }
    }

    [Test]
    public void The_time_window_follows_the_given_clock()
    {
        var clock = TestClock.Create();
        var request = Event() with { Time = TestClock.Now.AddYears(1).AddDays(1) };

        Assert.That(KlaviyoRequestValidator.Validate(request, clock).IsValid, Is.False);
        clock.Advance(TimeSpan.FromDays(2));
        Assert.That(KlaviyoRequestValidator.Validate(request, clock).IsValid, Is.True);
    }

    [TestCase(1, true)]
    [TestCase(255, true)]
    [TestCase(256, false)]
    public void Unique_id_must_have_1_to_255_characters(int length, bool valid)
    {
        var result = Validate(Event() with { UniqueId = new string('u', length) });

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("unique_id", "max_length"));
        }
    }

    [Test]
    public void An_empty_unique_id_fails() =>
        ValidationAssert.Fails(Validate(Event() with { UniqueId = "" }), ("unique_id", "min_length"));

    [TestCase(0, true)]
    [TestCase(400, true)]
    [TestCase(401, false)]
    public void At_most_400_properties(int count, bool valid)
    {
        var properties = Enumerable.Range(0, count).ToDictionary(i => $"p{i}", i => (object?)i);
        var result = Validate(Event() with { Properties = properties });

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("properties", "too_many_properties"));
        }
    }

    [TestCase("USD", true)]
    [TestCase("eur", true)]
    [TestCase("", false)]
    [TestCase("US", false)]
    [TestCase("USDX", false)]
    [TestCase("U$D", false)]
    [TestCase("US1", false)]
    [TestCase("ÜSD", false)]
    public void Value_currency_must_be_a_three_letter_code(string currency, bool valid)
    {
        var result = Validate(Event() with { Value = 10m, ValueCurrency = currency });

        if (valid)
        {
            ValidationAssert.Passes(result);
        }
        else
        {
            ValidationAssert.Fails(result, ("value_currency", "currency_format"));
        }
    }

    [Test]
    public void Every_failure_is_reported_together()
    {
        var request = new TrackEventRequest
        {
            Profile = new EventProfile { Email = "not-an-email", PhoneNumber = "+12" },
            MetricName = new string('m', 200),
            Time = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero),
            UniqueId = new string('u', 300),
            ValueCurrency = "dollars",
            Properties = Enumerable.Range(0, 401).ToDictionary(i => $"p{i}", i => (object?)i),
        };

        ValidationAssert.Fails(
            Validate(request),
            ("profile.email", "email_format"),
            ("profile.phone_number", "phone_e164"),
            ("metric_name", "max_length"),
            ("time", "time_window"),
            ("unique_id", "max_length"),
            ("properties", "too_many_properties"),
            ("value_currency", "currency_format"));
    }
}
