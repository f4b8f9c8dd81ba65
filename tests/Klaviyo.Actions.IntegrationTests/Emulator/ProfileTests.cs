using System.Net;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Profile create, update and upsert: identity resolution, absent-versus-null, duplicates and validation.</summary>
public sealed class ProfileTests : EmulatorTestBase
{
    private static string Import(string attributes) => "{\"data\":{\"type\":\"profile\",\"attributes\":" + attributes + "}}";

    [Test]
    public async Task Upsert_creates_with_201_then_updates_with_200()
    {
        using var created = await PostAsync("api/profile-import", Import("""{"email":"sarah@shop.dev","first_name":"Sarah"}"""));
        await ExpectAsync(created, HttpStatusCode.Created);
        string id = (await JsonAsync(created)).GetProperty("data").GetProperty("id").GetString()!;

        using var updated = await PostAsync("api/profile-import", Import("""{"email":"SARAH@shop.dev","last_name":"Mason"}"""));
        await ExpectAsync(updated, HttpStatusCode.OK);
        var data = (await JsonAsync(updated)).GetProperty("data");
        var attributes = data.GetProperty("attributes");

        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(attributes.GetProperty("first_name").GetString(), Is.EqualTo("Sarah"));
            Assert.That(attributes.GetProperty("last_name").GetString(), Is.EqualTo("Mason"));
            Assert.That(Emulator.Profiles, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Null_clears_a_field_and_absent_leaves_it()
    {
        string id = await UpsertAsync("""
            {"email":"ada@shop.dev","first_name":"Ada","title":"Engineer","location":{"city":"London","zip":"N1"},"properties":{"plan":"pro","seats":3}}
            """);

        await UpsertAsync("""{"email":"ada@shop.dev","first_name":null,"location":{"zip":null},"properties":{"plan":null}}""");
        var profile = Emulator.GetProfile(id)!;

        Assert.Multiple(() =>
        {
            Assert.That(profile.FirstName, Is.Null, "null clears");
            Assert.That(profile.Title, Is.EqualTo("Engineer"), "absent leaves");
            Assert.That(profile.Location["city"].GetString(), Is.EqualTo("London"));
            Assert.That(profile.Location.ContainsKey("zip"), Is.False);
            Assert.That(profile.Properties.ContainsKey("plan"), Is.False);
            Assert.That(profile.Properties["seats"].GetInt32(), Is.EqualTo(3));
        });

        await UpsertAsync("""{"email":"ada@shop.dev","properties":null}""");
        Assert.That(Emulator.GetProfile(id)!.Properties, Is.Empty);
    }

    [Test]
    public async Task Upsert_adds_a_new_phone_to_the_profile_found_by_email()
    {
        string id = await UpsertAsync("""{"email":"bo@shop.dev"}""");
        string again = await UpsertAsync("""{"email":"bo@shop.dev","phone_number":"+15005550006"}""");
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(id));
            Assert.That(Emulator.FindProfileByPhoneNumber("+15005550006")!.Id, Is.EqualTo(id));
        });
    }

    [Test]
    public async Task Upsert_with_identifiers_of_two_profiles_is_409_with_the_conflicting_profile()
    {
        string byEmail = await UpsertAsync("""{"email":"a@shop.dev"}""");
        string byPhone = await UpsertAsync("""{"phone_number":"+15005550006"}""");

        using var response = await PostAsync("api/profile-import", Import("""{"email":"a@shop.dev","phone_number":"+15005550006"}"""));
        var error = await ErrorAsync(response, HttpStatusCode.Conflict);

        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("duplicate_profile"));
            Assert.That(error.GetProperty("meta").GetProperty("duplicate_profile_id").GetString(), Is.EqualTo(byPhone));
            Assert.That(PointerOf(error), Is.EqualTo("/data/attributes"));
            Assert.That(Emulator.GetProfile(byEmail)!.PhoneNumber, Is.Null, "nothing was written");
        });
    }

    [Test]
    public async Task Create_is_201_and_a_second_create_is_409_with_the_existing_id()
    {
        using var first = await PostAsync("api/profiles", Import("""{"email":"new@shop.dev","external_id":"u-1"}"""));
        await ExpectAsync(first, HttpStatusCode.Created);
        string id = (await JsonAsync(first)).GetProperty("data").GetProperty("id").GetString()!;

        using var second = await PostAsync("api/profiles", Import("""{"external_id":"u-1","first_name":"X"}"""));
        var error = await ErrorAsync(second, HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("meta").GetProperty("duplicate_profile_id").GetString(), Is.EqualTo(id));
            Assert.That(Emulator.GetProfile(id)!.FirstName, Is.Null);
        });
    }

    [Test]
    public async Task Create_needs_an_identifier()
    {
        using var response = await PostAsync("api/profiles", Import("""{"first_name":"Nobody"}"""));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(PointerOf(error), Is.EqualTo("/data/attributes"));
    }

    [Test]
    public async Task Patch_updates_the_profile_at_the_path()
    {
        string id = await UpsertAsync("""{"email":"p@shop.dev"}""");
        using var response = await PatchAsync($"api/profiles/{id}",
            """{"data":{"type":"profile","id":"@id@","attributes":{"organization":"Acme"},"meta":{"patch_properties":{"append":{"skus":"A1"}}}}}""".Replace("@id@", id, StringComparison.Ordinal));
        await ExpectAsync(response, HttpStatusCode.OK);
        using var again = await PatchAsync($"api/profiles/{id}",
            """{"data":{"type":"profile","id":"@id@","attributes":{},"meta":{"patch_properties":{"append":{"skus":"B2"}}}}}""".Replace("@id@", id, StringComparison.Ordinal));
        await ExpectAsync(again, HttpStatusCode.OK);

        var profile = Emulator.GetProfile(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(profile.Organization, Is.EqualTo("Acme"));
            Assert.That(profile.Properties["skus"].EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "A1", "B2" }));
        });
    }

    [Test]
    public async Task Patch_with_a_body_id_that_differs_from_the_path_is_rejected()
    {
        string id = await UpsertAsync("""{"email":"p@shop.dev"}""");
        using var response = await PatchAsync($"api/profiles/{id}", """{"data":{"type":"profile","id":"01OTHER","attributes":{"title":"x"}}}""");
        var error = await ErrorAsync(response, HttpStatusCode.Conflict);
        Assert.That(PointerOf(error), Is.EqualTo("/data/id"));

        using var missingId = await PatchAsync($"api/profiles/{id}", """{"data":{"type":"profile","attributes":{"title":"x"}}}""");
        Assert.That(PointerOf(await ErrorAsync(missingId, HttpStatusCode.BadRequest)), Is.EqualTo("/data/id"));
    }

    [Test]
    public async Task Patch_of_an_unknown_profile_is_404()
    {
        using var response = await PatchAsync("api/profiles/01UNKNOWN", """{"data":{"type":"profile","id":"01UNKNOWN","attributes":{"title":"x"}}}""");
        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.That(error.GetProperty("detail").GetString(), Is.EqualTo("A profile with id 01UNKNOWN does not exist."));
    }

    [Test]
    public async Task Patch_taking_another_profiles_email_is_409()
    {
        string first = await UpsertAsync("""{"email":"one@shop.dev"}""");
        string second = await UpsertAsync("""{"email":"two@shop.dev"}""");
        using var response = await PatchAsync($"api/profiles/{second}",
            """{"data":{"type":"profile","id":"@second@","attributes":{"email":"one@shop.dev"}}}""".Replace("@second@", second, StringComparison.Ordinal));
        var error = await ErrorAsync(response, HttpStatusCode.Conflict);
        Assert.That(error.GetProperty("meta").GetProperty("duplicate_profile_id").GetString(), Is.EqualTo(first));
    }

    [TestCase("""{"email":"not-an-email"}""", "/data/attributes/email")]
    [TestCase("""{"email":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@shop.dev"}""", "/data/attributes/email")]
    [TestCase("""{"phone_number":"5005550006"}""", "/data/attributes/phone_number")]
    [TestCase("""{"phone_number":"+0123456789"}""", "/data/attributes/phone_number")]
    [TestCase("""{"email":"ok@shop.dev","firstName":"camel"}""", "/data/attributes/firstName")]
    [TestCase("""{"email":"ok@shop.dev","first_name":42}""", "/data/attributes/first_name")]
    [TestCase("""{"email":"ok@shop.dev","location":{"town":"x"}}""", "/data/attributes/location/town")]
    [TestCase("""{"email":"ok@shop.dev","properties":[1]}""", "/data/attributes/properties")]
    public async Task Invalid_attributes_are_400_with_a_pointer(string attributes, string expectedPointer)
    {
        using var response = await PostAsync("api/profile-import", Import(attributes));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("invalid"));
            Assert.That(PointerOf(error), Is.EqualTo(expectedPointer));
            Assert.That(Emulator.Profiles, Is.Empty);
        });
    }

    [Test]
    public async Task A_100_character_email_is_accepted()
    {
        string email = new string('a', 100 - "@shop.dev".Length) + "@shop.dev";
        Assert.That(email, Has.Length.EqualTo(100));
        await UpsertAsync($$"""{"email":"{{email}}"}""");
        Assert.That(Emulator.FindProfileByEmail(email), Is.Not.Null);
    }

    [Test]
    public async Task A_profile_over_100KB_is_413()
    {
        string padding = new('x', 100_001);
        using var response = await PostAsync("api/profile-import", Import("""{"email":"big@shop.dev","properties":{"note":"@padding@"}}""".Replace("@padding@", padding, StringComparison.Ordinal)));
        await ErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Get_by_id_returns_every_attribute_and_consent_on_request()
    {
        string id = await UpsertAsync("""{"email":"g@shop.dev","phone_number":"+15005550006"}""");
        using var plain = await GetAsync($"api/profiles/{id}");
        await ExpectAsync(plain, HttpStatusCode.OK);
        var attributes = (await JsonAsync(plain)).GetProperty("data").GetProperty("attributes");
        using var withConsent = await GetAsync($"api/profiles/{id}?additional-fields[profile]=subscriptions");
        var subscriptions = (await JsonAsync(withConsent)).GetProperty("data").GetProperty("attributes").GetProperty("subscriptions");

        Assert.Multiple(() =>
        {
            Assert.That(attributes.GetProperty("first_name").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(attributes.GetProperty("created").GetString(), Is.EqualTo("2026-08-01T12:00:00+00:00"));
            Assert.That(attributes.TryGetProperty("subscriptions", out _), Is.False);
            Assert.That(subscriptions.GetProperty("email").GetProperty("marketing").GetProperty("consent").GetString(), Is.EqualTo("NEVER_SUBSCRIBED"));
            Assert.That(subscriptions.GetProperty("sms").GetProperty("marketing").GetProperty("consent").GetString(), Is.EqualTo("NEVER_SUBSCRIBED"));
        });
    }

    [Test]
    public async Task Get_of_an_unknown_profile_is_404()
    {
        using var response = await GetAsync("api/profiles/01NOPE");
        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.That(error.GetProperty("detail").GetString(), Is.EqualTo("A profile with id 01NOPE does not exist."));
    }
}
