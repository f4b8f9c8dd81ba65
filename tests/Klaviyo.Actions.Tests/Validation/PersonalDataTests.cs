using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

/// <summary>Emails and phone numbers are personal data: no validation output may repeat them.</summary>
public class PersonalDataTests
{
    private const string BadEmail = "secret.person@@private-domain";
    private const string LongEmail = "secret.person.with.a.very.long.local.part.that.goes.on.and.on.and.on.forever@private-domain.example";
    private const string BadPhone = "+1 555 0199";
    private const string NationalPhone = "06 98 76 54 32";

    private static IEnumerable<TestCaseData> FailingRequests()
    {
        var clock = TestClock.Create();
        yield return Case("upsert", KlaviyoRequestValidator.Validate(new UpsertProfileRequest { Email = BadEmail, PhoneNumber = BadPhone }));
        yield return Case("upsert long", KlaviyoRequestValidator.Validate(new UpsertProfileRequest { Email = LongEmail + LongEmail }));
        yield return Case("addToList", KlaviyoRequestValidator.Validate(
            new AddProfileToListRequest { ListId = "LIST_A", Email = BadEmail, PhoneNumber = NationalPhone, CountryCode = "US" }));
        yield return Case("removeFromList", KlaviyoRequestValidator.Validate(
            new RemoveProfileFromListRequest { ListId = "LIST_A", Email = BadEmail, PhoneNumber = BadPhone }));
        yield return Case("remove", KlaviyoRequestValidator.Validate(
            new RemoveProfileRequest { ListId = "LIST_A", Email = BadEmail, PhoneNumber = NationalPhone }));
        yield return Case("track", KlaviyoRequestValidator.Validate(
            new TrackEventRequest { Profile = new EventProfile { Email = BadEmail, PhoneNumber = BadPhone }, MetricName = "x" }, clock));
        yield return Case("order", KlaviyoRequestValidator.Validate(
            new OrderCompletedRequest { Profile = new EventProfile { Email = BadEmail, PhoneNumber = NationalPhone, CountryCode = "US" } }, clock));
        yield return Case("subscribe", KlaviyoRequestValidator.Validate(
            new SubscribeProfileRequest { Email = BadEmail, PhoneNumber = BadPhone, Channels = ConsentChannels.SmsMarketing }, clock));
        yield return Case("unsubscribe", KlaviyoRequestValidator.Validate(
            new UnsubscribeProfileRequest { Email = BadEmail, PhoneNumber = NationalPhone, Channels = ConsentChannels.SmsMarketing }));
        yield return Case("deletion", KlaviyoRequestValidator.Validate(
            new ProfileDeletionRequest { Email = BadEmail, PhoneNumber = BadPhone }));
    }

    private static TestCaseData Case<T>(string name, ValidationResult<T> result)
        where T : class =>
        new TestCaseData(result.Errors, (Func<string>)(() => result.GetNormalizedOrThrow(name).ToString() ?? string.Empty)).SetArgDisplayNames(name);

    [TestCaseSource(nameof(FailingRequests))]
    public void No_message_repeats_an_email_or_phone(IReadOnlyList<KlaviyoValidationError> errors, Func<string> throwing)
    {
        Assert.That(errors, Is.Not.Empty);
        var texts = errors.SelectMany(e => new[] { e.Field, e.Message, e.ToString() }).ToList();
        var exception = Assert.Throws<KlaviyoValidationException>(() => throwing());
        texts.Add(exception!.Message);

        string[] secrets = ["secret", "private-domain", "0199", "555 0199", "98 76", "98765432", "+15550199"];
        foreach (string text in texts)
        {
            foreach (string secret in secrets)
            {
                Assert.That(text, Does.Not.Contain(secret));
            }
        }
    }
}
