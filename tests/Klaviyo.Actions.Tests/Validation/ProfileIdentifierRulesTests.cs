using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

[TestFixtureSource(typeof(ProfileActionCase), nameof(ProfileActionCase.All))]
public class ProfileIdentifierRulesTests(ProfileActionCase action)
{
    private static (string, string)[] Pairs(IReadOnlyList<KlaviyoValidationError> errors) =>
        errors.Select(e => (e.Field, e.Rule)).ToArray();

    [TestCase(null, null, null)]
    [TestCase("", "", "")]
    [TestCase("   ", " \t", "  ")]
    public void Without_any_identifier_fails_with_Segments_message(string? email, string? phone, string? externalId)
    {
        var (errors, normalized) = action.Validate(email, phone, externalId: externalId);

        Assert.Multiple(() =>
        {
            Assert.That(normalized, Is.Null);
            Assert.That(Pairs(errors), Is.EqualTo(new[] { ("profile", "identifier_required") }));
            Assert.That(errors[0].Message, Is.EqualTo("One of External ID, Phone Number or Email is required."));
        });
    }

    [TestCase("jane@example.com", null, null)]
    [TestCase(null, "+14155552671", null)]
    [TestCase(null, null, "user-1")]
    public void Any_one_identifier_is_enough(string? email, string? phone, string? externalId)
    {
        var (errors, normalized) = action.Validate(email, phone, externalId: externalId);

        Assert.That(errors, Is.Empty);
        Assert.That(normalized, Is.Not.Null);
    }

    [Test]
    public void An_unconvertible_phone_is_an_error_and_does_not_count_as_an_identifier()
    {
        var (errors, _) = action.Validate(phone: "+12");

        Assert.Multiple(() =>
        {
            Assert.That(Pairs(errors), Is.EquivalentTo(new[] { ("phone_number", "phone_e164"), ("profile", "identifier_required") }));
            Assert.That(errors.Single(e => e.Rule == "phone_e164").Message, Is.EqualTo("Phone number could not be converted to E.164 format."));
        });
    }

    [Test]
    public void An_unconvertible_phone_fails_even_with_another_identifier()
    {
        var (errors, _) = action.Validate(email: "jane@example.com", phone: "4155552671");

        Assert.That(Pairs(errors), Is.EqualTo(new[] { ("phone_number", "phone_e164") }));
    }

    [TestCase(255, true)]
    [TestCase(256, false)]
    public void External_id_may_have_at_most_255_characters(int length, bool valid)
    {
        var (errors, _) = action.Validate(externalId: new string('x', length));

        if (valid)
        {
            Assert.That(errors, Is.Empty);
        }
        else
        {
            Assert.That(Pairs(errors), Is.EqualTo(new[] { ("external_id", "max_length") }));
            Assert.That(errors[0].Message, Is.EqualTo("Length of external_id must be no more than 255 characters."));
        }
    }

    [TestCase(100, true)]
    [TestCase(101, false)]
    public void Email_may_have_at_most_100_characters(int length, bool valid)
    {
        const string domain = "@example.com";
        string email = new string('j', length - domain.Length) + domain;
        var (errors, _) = action.Validate(email: email);

        if (valid)
        {
            Assert.That(errors, Is.Empty);
        }
        else
        {
            Assert.That(Pairs(errors), Is.EqualTo(new[] { ("email", "max_length") }));
            Assert.That(errors[0].Message, Is.EqualTo("Email must be no more than 100 characters."));
        }
    }

    [TestCase("not-an-email")]
    [TestCase("invalid_email@gmail..com")]
    public void Email_must_match_the_format(string email)
    {
        var (errors, _) = action.Validate(email: email, externalId: "user-1");

        Assert.That(Pairs(errors), Is.EqualTo(new[] { ("email", "email_format") }));
        Assert.That(errors[0].Message, Is.EqualTo("Email must be a valid email address string but it was not."));
    }

    [Test]
    public void An_overlong_malformed_email_reports_both_rules()
    {
        var (errors, _) = action.Validate(email: new string('j', 120));

        Assert.That(Pairs(errors), Is.EquivalentTo(new[] { ("email", "email_format"), ("email", "max_length") }));
    }

    [TestCase("ZZ")]
    [TestCase("USA")]
    [TestCase("UK")]
    public void Country_code_must_be_in_Segments_list(string countryCode)
    {
        var (errors, _) = action.Validate(email: "jane@example.com", countryCode: countryCode);

        Assert.That(Pairs(errors), Is.EqualTo(new[] { ("country_code", "country_code") }));
        Assert.That(errors[0].Message, Does.Contain("Country Code"));
    }

    [Test]
    public void National_phone_with_country_code_is_normalized_and_the_country_code_dropped()
    {
        var (errors, normalized) = action.Validate(phone: "07400 123456", countryCode: "GB");

        Assert.That(errors, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(normalized!.PhoneNumber, Is.EqualTo("+447400123456"));
            Assert.That(normalized.CountryCode, Is.Null);
        });
    }

    [Test]
    public void Email_is_neither_trimmed_nor_lowercased()
    {
        var (errors, normalized) = action.Validate(email: "Jane.Doe@Example.COM", phone: "+1 415 555 2671");

        Assert.That(errors, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(normalized!.Email, Is.EqualTo("Jane.Doe@Example.COM"));
            Assert.That(normalized.PhoneNumber, Is.EqualTo("+14155552671"));
        });
    }

    [Test]
    public void Blank_identifiers_are_cleared_so_they_are_never_sent()
    {
        var (errors, normalized) = action.Validate(email: "  ", phone: "", countryCode: " ", externalId: "user-1");

        Assert.That(errors, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(normalized!.Email, Is.Null);
            Assert.That(normalized.PhoneNumber, Is.Null);
            Assert.That(normalized.CountryCode, Is.Null);
            Assert.That(normalized.ExternalId, Is.EqualTo("user-1"));
        });
    }

    [Test]
    public void Every_failure_is_reported_together()
    {
        var (errors, _) = action.Validate(
            email: "not-an-email", phone: "555", countryCode: "XX", externalId: new string('x', 256), listId: "bad/id");

        Assert.That(Pairs(errors), Is.EquivalentTo(new[]
        {
            ("email", "email_format"),
            ("country_code", "country_code"),
            ("phone_number", "phone_e164"),
            ("external_id", "max_length"),
            ("list_id", "list_id_format"),
        }));
    }

    [TestCase("LIST_A")]
    [TestCase("Y6nRLr")]
    [TestCase("list-2024_q1")]
    public void A_well_formed_list_id_passes(string listId)
    {
        var (errors, _) = action.Validate(email: "jane@example.com", listId: listId);

        Assert.That(errors, Is.Empty);
    }

    [TestCase("bad/id")]
    [TestCase("../lists")]
    [TestCase("a b")]
    [TestCase("abc?x=1")]
    [TestCase("abc%2F")]
    [TestCase("lïst")]
    public void A_list_id_with_other_characters_fails(string listId)
    {
        var (errors, _) = action.Validate(email: "jane@example.com", listId: listId);

        Assert.That(Pairs(errors), Is.EqualTo(new[] { ("list_id", "list_id_format") }));
    }
}
