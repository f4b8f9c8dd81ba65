using System.Text;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

/// <summary>
/// The hand-written import profile is byte for byte what the source-generated serializer wrote from
/// <see cref="ProfileResource"/> over <see cref="ProfileAttributes.From(UpsertProfileRequest)"/>, and fails with the same errors.
/// </summary>
public class ProfileFragmentWriterTests
{
    private const string Action = "upsertProfile";

    private static readonly string?[] Texts =
    [
        null, "", "plain", "Zoë Ünïcödé", "日本語", "emoji 🎉", "quote \" backslash \\", "<b>&'</b>", "tab\tline\n", "+14155552671",
    ];

    [TestCaseSource(nameof(Requests))]
    public void An_import_profile_is_byte_identical_to_the_document_serializer(UpsertProfileRequest request)
    {
        AssertSame(request);
    }

    [Test]
    public void Many_random_profiles_are_byte_identical()
    {
        var random = new Random(8_2026);
        for (int i = 0; i < 3_000; i++)
        {
            var request = new UpsertProfileRequest
            {
                Email = Text(random),
                PhoneNumber = Text(random),
                ExternalId = Text(random),
                FirstName = OptionalText(random),
                LastName = OptionalText(random),
                Organization = OptionalText(random),
                Title = OptionalText(random),
                Image = OptionalText(random),
                Locale = OptionalText(random),
                Location = random.Next(4) switch
                {
                    0 => default,
                    1 => new Optional<ProfileLocation?>(null),
                    _ => new ProfileLocation
                    {
                        Address1 = OptionalText(random),
                        Address2 = OptionalText(random),
                        City = OptionalText(random),
                        Region = OptionalText(random),
                        Zip = OptionalText(random),
                        Country = OptionalText(random),
                        Latitude = OptionalText(random),
                        Longitude = OptionalText(random),
                        Timezone = OptionalText(random),
                        Ip = OptionalText(random),
                    },
                },
                Properties = random.Next(3) switch
                {
                    0 => null,
                    1 => new Dictionary<string, object?>(),
                    _ => new Dictionary<string, object?> { ["plan"] = Text(random), ["n"] = random.Next(), ["d"] = 1.25m, ["nested"] = new Dictionary<string, object?> { ["x"] = new[] { "a", "b" } }, ["none"] = null },
                },
            };

            AssertSame(request, $"profile {i}");
        }
    }

    [Test]
    public void A_bad_property_fails_with_the_same_error_naming_the_action()
    {
        var request = new UpsertProfileRequest { Email = "jane@shop.test", Properties = new Dictionary<string, object?> { ["bad"] = new object() } };

        var expected = Assert.Throws<KlaviyoValidationException>(() => ProfileBulkImportJobDocument.SerializeProfile(ProfileAttributes.From(request), Action))!;
        var actual = Assert.Throws<KlaviyoValidationException>(() => ProfileBulkImportJobDocument.SerializeProfile(request, Action))!;

        Assert.That(actual.Action, Is.EqualTo(Action));
        Assert.That(actual.Errors.Select(e => (e.Field, e.Rule, e.Message)), Is.EqualTo(expected.Errors.Select(e => (e.Field, e.Rule, e.Message))));
        Assert.That(actual.Errors[0].Field, Is.EqualTo("properties.bad"));
    }

    private static void AssertSame(UpsertProfileRequest request, string? what = null)
    {
        var expected = ProfileBulkImportJobDocument.SerializeProfile(ProfileAttributes.From(request), Action).Utf8Json.ToArray();

        var actual = ProfileBulkImportJobDocument.SerializeProfile(request, Action).Utf8Json.ToArray();

        Assert.That(actual, Is.EqualTo(expected), () => $"{what}: {Encoding.UTF8.GetString(expected)}");
    }

    private static string? Text(Random random) => Texts[random.Next(Texts.Length)];

    private static Optional<string?> OptionalText(Random random) => random.Next(3) == 0 ? default : new Optional<string?>(Text(random));

    private static IEnumerable<TestCaseData> Requests()
    {
        yield return new TestCaseData(new UpsertProfileRequest { Email = "jane@shop.test" }).SetName("Email only");
        yield return new TestCaseData(new UpsertProfileRequest { Email = "", PhoneNumber = "", ExternalId = "u-1" }).SetName("Empty identifiers omitted");
        yield return new TestCaseData(new UpsertProfileRequest
        {
            Email = "jane@shop.test",
            PhoneNumber = "+14155552671",
            ExternalId = "u-1",
            CountryCode = "US",
            FirstName = "Zoë",
            LastName = "日本",
            Organization = "Shop & Co",
            Title = "CEO",
            Image = "https://shop.test/me.png",
            Locale = "fr-FR",
            Location = new ProfileLocation { Address1 = "1 Main", Address2 = "", City = "Paris", Region = "IDF", Zip = "75001", Country = "FR", Latitude = "48.8", Longitude = "2.3", Timezone = "Europe/Paris", Ip = "127.0.0.1" },
            Properties = new Dictionary<string, object?> { ["plan"] = "pro", ["seats"] = 3, ["ratio"] = 0.5, ["tags"] = new List<object?> { "a", null } },
            ListId = "L1",
        }).SetName("Everything set");
        yield return new TestCaseData(new UpsertProfileRequest
        {
            ExternalId = "u-2",
            FirstName = new Optional<string?>(null),
            Locale = new Optional<string?>(null),
            Location = new Optional<ProfileLocation?>(null),
        }).SetName("Present nulls clear, null location");
        yield return new TestCaseData(new UpsertProfileRequest
        {
            ExternalId = "u-3",
            Location = new ProfileLocation(),
            Properties = new Dictionary<string, object?>(),
        }).SetName("Empty location and properties");
        yield return new TestCaseData(new UpsertProfileRequest
        {
            ExternalId = "u-4",
            Location = new ProfileLocation { City = new Optional<string?>(null), Ip = "::1" },
        }).SetName("Location with a cleared city");
    }
}
