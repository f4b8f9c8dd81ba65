using System.Net;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Authentication, revision, media type, paths and JSON:API document checks common to every endpoint.</summary>
public sealed class ProtocolTests : EmulatorTestBase
{
    private const string Event = """
        {"data":{"type":"event","attributes":{"properties":{},"metric":{"data":{"type":"metric","attributes":{"name":"Viewed"}}},
        "profile":{"data":{"type":"profile","attributes":{"email":"a@shop.dev"}}}}}}
        """;

    [Test]
    public async Task Accounts_answers_the_account_for_a_valid_key()
    {
        using var response = await GetAsync("api/accounts");
        await ExpectAsync(response, HttpStatusCode.OK);
        var account = (await JsonAsync(response)).GetProperty("data")[0];
        Assert.Multiple(() =>
        {
            Assert.That(account.GetProperty("type").GetString(), Is.EqualTo("account"));
            Assert.That(account.GetProperty("id").GetString(), Is.EqualTo(Emulator.AccountId));
            Assert.That(account.GetProperty("attributes").GetProperty("public_api_key").GetString(), Is.EqualTo(Emulator.AccountId));
        });
    }

    [Test]
    public void Generated_key_looks_like_a_private_key()
    {
        Assert.That(Emulator.ApiKey, Does.Match("^pk_[A-Za-z0-9]{34}$"));
    }

    [Test]
    public async Task Missing_authorization_is_401_not_authenticated()
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
        client.DefaultRequestHeaders.Add("revision", Emulator.Revision);
        using var response = await client.GetAsync("api/accounts");
        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_authenticated"));
    }

    [TestCase("Klaviyo-API-Key pk_wrong_wrong_wrong_wrong_wrong_12")]
    [TestCase("Bearer {key}")]
    public async Task Wrong_key_or_scheme_is_401(string authorization)
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization.Replace("{key}", Emulator.ApiKey, StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("revision", Emulator.Revision);
        using var response = await client.GetAsync("api/accounts");
        var error = await ErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(error.GetProperty("code").GetString(), Is.AnyOf("authentication_failed", "not_authenticated"));
    }

    [Test]
    public async Task Missing_revision_is_400_naming_the_header()
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + Emulator.ApiKey);
        using var response = await client.GetAsync("api/accounts");
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("revision"));
    }

    [TestCase("2026-10-16")]
    [TestCase("2024-10-15")]
    [TestCase("latest")]
    public async Task Unknown_revision_is_400(string revision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/accounts");
        request.Headers.Remove("revision");
        Http.DefaultRequestHeaders.Remove("revision");
        request.Headers.Add("revision", revision);
        using var response = await Http.SendAsync(request);
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("detail").GetString(), Does.Contain(revision));
    }

    [Test]
    public async Task Json_and_json_api_media_types_are_accepted_others_are_415()
    {
        using var jsonApi = await Http.PostAsync("api/events", Body(Event));
        using var json = await Http.PostAsync("api/events", Body(Event.Replace("Viewed", "Viewed 2", StringComparison.Ordinal), "application/json"));
        using var text = await Http.PostAsync("api/events", Body(Event, "text/plain"));
        using var form = await Http.PostAsync("api/events", Body(Event, "application/x-www-form-urlencoded"));
        await ExpectAsync(jsonApi, HttpStatusCode.Accepted);
        await ExpectAsync(json, HttpStatusCode.Accepted);
        var error = await ErrorAsync(text, HttpStatusCode.UnsupportedMediaType);
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("unsupported_media_type"));
        await ErrorAsync(form, HttpStatusCode.UnsupportedMediaType);
        Assert.That(Emulator.Events, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Compressed_bodies_are_415()
    {
        var content = Body(Event);
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await Http.PostAsync("api/events", content);
        await ErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("api/accounts/")]
    [TestCase("api/profiles/")]
    [TestCase("api/nothing-here")]
    [TestCase("v1/profiles")]
    public async Task Trailing_slash_and_unknown_paths_are_404(string path)
    {
        using var response = await GetAsync(path);
        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
    }

    [Test]
    public async Task Old_trailing_slash_post_is_404_and_changes_nothing()
    {
        using var response = await PostAsync("api/events/", Event);
        await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.That(Emulator.Events, Is.Empty);
    }

    [Test]
    public async Task Wrong_method_is_405()
    {
        using var response = await Http.PutAsync("api/events", Body(Event));
        await ErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.That(response.Content.Headers.Allow, Does.Contain("POST"));
    }

    [Test]
    public async Task Malformed_json_is_400_parse_error()
    {
        using var response = await PostAsync("api/events", "{\"data\": {");
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("parse_error"));
    }

    [Test]
    public async Task Missing_data_is_400_at_data()
    {
        using var response = await PostAsync("api/events", "{\"type\":\"event\"}");
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(PointerOf(error), Is.EqualTo("/data"));
    }

    [Test]
    public async Task Resource_of_another_type_is_409_at_data_type()
    {
        using var response = await PostAsync("api/events", Event.Replace("\"type\":\"event\"", "\"type\":\"events\"", StringComparison.Ordinal));
        var error = await ErrorAsync(response, HttpStatusCode.Conflict);
        Assert.That(PointerOf(error), Is.EqualTo("/data/type"));
    }

    [Test]
    public async Task Unknown_query_parameter_is_400_naming_it()
    {
        using var response = await GetAsync("api/profiles?page[sizes]=5");
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(error.GetProperty("source").GetProperty("parameter").GetString(), Is.EqualTo("page[sizes]"));
    }
}

/// <summary>Configured keys and revisions.</summary>
public sealed class ConfiguredProtocolTests : EmulatorTestBase
{
    protected override void Configure(KlaviyoEmulatorOptions options)
    {
        options.ValidApiKeys.Add("pk_first");
        options.ValidApiKeys.Add("pk_second");
        options.AcceptedRevisions.Add("2026-04-15");
    }

    [Test]
    public async Task Every_configured_key_and_revision_is_accepted()
    {
        Assert.That(Emulator.ApiKey, Is.EqualTo("pk_first"));
        foreach (var (key, revision) in new[] { ("pk_first", "2026-07-15"), ("pk_second", "2026-04-15") })
        {
            using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Klaviyo-API-Key " + key);
            client.DefaultRequestHeaders.Add("revision", revision);
            using var response = await client.GetAsync("api/accounts");
            await ExpectAsync(response, HttpStatusCode.OK);
        }
    }
}
