using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

public class ProfileAndListRequestTests
{
    [Test]
    public void Upsert_list_id_is_optional_but_must_not_be_blank_when_set()
    {
        Assert.Multiple(() =>
        {
            ValidationAssert.Passes(KlaviyoRequestValidator.Validate(new UpsertProfileRequest { Email = "jane@example.com" }));
            ValidationAssert.Fails(
                KlaviyoRequestValidator.Validate(new UpsertProfileRequest { Email = "jane@example.com", ListId = "" }),
                ("list_id", "list_id_format"));
            ValidationAssert.Fails(
                KlaviyoRequestValidator.Validate(new UpsertProfileRequest { Email = "jane@example.com", ListId = "   " }),
                ("list_id", "list_id_format"));
        });
    }

    private static IEnumerable<TestCaseData> RequiredListIdActions()
    {
        yield return new TestCaseData(
            (Func<string?, IReadOnlyList<KlaviyoValidationError>>)(l =>
                KlaviyoRequestValidator.Validate(new AddProfileToListRequest { ListId = l!, Email = "jane@example.com" }).Errors))
            .SetArgDisplayNames("addProfileToList");
        yield return new TestCaseData(
            (Func<string?, IReadOnlyList<KlaviyoValidationError>>)(l =>
                KlaviyoRequestValidator.Validate(new RemoveProfileFromListRequest { ListId = l!, Email = "jane@example.com" }).Errors))
            .SetArgDisplayNames("removeProfileFromList");
        yield return new TestCaseData(
            (Func<string?, IReadOnlyList<KlaviyoValidationError>>)(l =>
                KlaviyoRequestValidator.Validate(new RemoveProfileRequest { ListId = l!, Email = "jane@example.com" }).Errors))
            .SetArgDisplayNames("removeProfile");
    }

    [TestCaseSource(nameof(RequiredListIdActions))]
    public void List_actions_require_a_list_id(Func<string?, IReadOnlyList<KlaviyoValidationError>> validate)
    {
        foreach (string? listId in new[] { null, "", "  " })
        {
            var errors = validate(listId);
            Assert.That(errors.Select(e => (e.Field, e.Rule)), Is.EqualTo(new[] { ("list_id", "required") }), listId ?? "null");
            Assert.That(errors[0].Message, Is.EqualTo("List ID is required."));
        }
    }

    [Test]
    public void Upsert_keeps_every_other_field_and_only_normalizes_identifiers()
    {
        var properties = new Dictionary<string, object?> { ["plan"] = "pro" };
        var location = new ProfileLocation { City = "London" };
        var request = new UpsertProfileRequest
        {
            Email = "Jane@Example.com",
            PhoneNumber = "020 7946 0958",
            CountryCode = "GB",
            ExternalId = "user-1",
            FirstName = "Jane",
            LastName = null,
            Title = "CTO",
            Location = location,
            Properties = properties,
            ListId = "LIST_A",
        };

        var normalized = ValidationAssert.Passes(KlaviyoRequestValidator.Validate(request));

        Assert.That(normalized, Is.EqualTo(request with { PhoneNumber = "+442079460958", CountryCode = null }));
        Assert.Multiple(() =>
        {
            Assert.That(normalized.Properties, Is.SameAs(properties));
            Assert.That(normalized.LastName.HasValue, Is.True, "an explicit null stays present");
            Assert.That(normalized.Organization.HasValue, Is.False, "an absent attribute stays absent");
        });
    }

    [Test]
    public void A_request_that_needs_no_normalizing_is_returned_as_is()
    {
        var upsert = new UpsertProfileRequest { Email = "jane@example.com", PhoneNumber = "+14155552671", ExternalId = "u1" };
        var add = new AddProfileToListRequest { ListId = "LIST_A", ExternalId = "u1" };

        Assert.Multiple(() =>
        {
            Assert.That(KlaviyoRequestValidator.Validate(upsert).Normalized, Is.SameAs(upsert));
            Assert.That(KlaviyoRequestValidator.Validate(add).Normalized, Is.SameAs(add));
        });
    }

    [Test]
    public void Invalid_result_throws_a_validation_exception_listing_every_error()
    {
        var result = KlaviyoRequestValidator.Validate(new AddProfileToListRequest { ListId = "", ExternalId = new string('x', 300) });

        var exception = Assert.Throws<KlaviyoValidationException>(() => result.GetNormalizedOrThrow("addProfileToList"));
        Assert.That(exception!.Errors.Select(e => e.Rule), Is.EquivalentTo(new[] { "required", "max_length" }));
    }

    private static IEnumerable<TestCaseData> NullRequests()
    {
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((UpsertProfileRequest)null!))).SetArgDisplayNames("upsert");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((TrackEventRequest)null!))).SetArgDisplayNames("track");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((OrderCompletedRequest)null!))).SetArgDisplayNames("order");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((SubscribeProfileRequest)null!))).SetArgDisplayNames("subscribe");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((UnsubscribeProfileRequest)null!))).SetArgDisplayNames("unsubscribe");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((AddProfileToListRequest)null!))).SetArgDisplayNames("addToList");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((RemoveProfileFromListRequest)null!))).SetArgDisplayNames("removeFromList");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((RemoveProfileRequest)null!))).SetArgDisplayNames("remove");
        yield return new TestCaseData((TestDelegate)(() => KlaviyoRequestValidator.Validate((ProfileDeletionRequest)null!))).SetArgDisplayNames("deletion");
    }

    [TestCaseSource(nameof(NullRequests))]
    public void A_null_request_is_a_programming_error(TestDelegate validate)
    {
        var exception = Assert.Throws<ArgumentNullException>(validate);
        Assert.That(exception!.ParamName, Is.EqualTo("request"));
    }
}
