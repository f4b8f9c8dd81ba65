using System.Net;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class UpsertProfileTests
{
    private static UpsertProfileRequest JaneDoe(string? listId = "LIST_A") => new()
    {
        Email = "jane@example.com",
        FirstName = "Jane",
        LastName = "Doe",
        Organization = "Acme Inc",
        Title = "CTO",
        Image = "https://example.com/jane.png",
        Location = new ProfileLocation { City = "San Francisco", Region = "CA", Zip = "94107", Address1 = "1 Main St", Country = "US" },
        ListId = listId,
    };

    private const string JaneDoeAttributes = """
        {"email":"jane@example.com","first_name":"Jane","last_name":"Doe","organization":"Acme Inc","title":"CTO",
         "image":"https://example.com/jane.png",
         "location":{"city":"San Francisco","region":"CA","zip":"94107","address1":"1 Main St","country":"US"}}
        """;

    [Test]
    public async Task Creates_the_profile_through_profile_import_then_adds_it_to_the_list()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Created, KlaviyoBodies.Profile("PROFILE_NEW_1"));
        api.On(HttpMethod.Post, "api/lists/LIST_A/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().UpsertProfileAsync(JaneDoe());

        Assert.That(result, Is.EqualTo(new UpsertProfileResult("PROFILE_NEW_1", Created: true, ResolvedDuplicate: false, ListId: "LIST_A")));
        var requests = api.Requests;
        Assert.That(requests.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "POST /api/profile-import",
            "POST /api/lists/LIST_A/relationships/profiles",
        }));
        JsonAssert.AreEquivalent($$$"""{"data":{"type":"profile","attributes":{{{JaneDoeAttributes}}}}}""", requests[0].Body!);
        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"PROFILE_NEW_1"}]}""", requests[1].Body!);
    }

    [Test]
    public async Task A_200_answer_means_an_existing_profile_was_updated_and_no_list_means_no_list_call()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.OK, KlaviyoBodies.Profile("01EXISTING"));

        var result = await api.CreateClient().UpsertProfileAsync(JaneDoe(listId: null));

        Assert.That(result, Is.EqualTo(new UpsertProfileResult("01EXISTING", Created: false, ResolvedDuplicate: false, ListId: null)));
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_409_duplicate_patches_the_named_profile_with_the_same_attributes_then_adds_it_to_the_list()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Conflict, KlaviyoBodies.DuplicateProfile409);
        api.On(HttpMethod.Patch, "api/profiles/01DUPLICATEPROFILE", HttpStatusCode.OK, KlaviyoBodies.Profile("01DUPLICATEPROFILE"));
        api.On(HttpMethod.Post, "api/lists/LIST_A/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().UpsertProfileAsync(JaneDoe());

        Assert.That(result, Is.EqualTo(new UpsertProfileResult("01DUPLICATEPROFILE", Created: false, ResolvedDuplicate: true, ListId: "LIST_A")));
        var requests = api.Requests;
        Assert.That(requests.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "POST /api/profile-import",
            "PATCH /api/profiles/01DUPLICATEPROFILE",
            "POST /api/lists/LIST_A/relationships/profiles",
        }));
        JsonAssert.AreEquivalent(
            $$$"""{"data":{"type":"profile","id":"01DUPLICATEPROFILE","attributes":{{{JaneDoeAttributes}}}}}""",
            requests[1].Body!);
        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"01DUPLICATEPROFILE"}]}""", requests[2].Body!);
    }

    [Test]
    public async Task When_the_patch_conflicts_again_the_named_profile_is_updated_without_the_identifiers()
    {
        var api = new KlaviyoApiMock();
        static bool CarriesIdentifiers(HttpRequestMessage request) =>
            request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("\"email\"", StringComparison.Ordinal);
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Conflict, KlaviyoBodies.DuplicateProfile409);
        api.On(HttpMethod.Patch, "api/profiles/01DUPLICATEPROFILE", HttpStatusCode.Conflict, KlaviyoBodies.DuplicateProfile409, match: CarriesIdentifiers);
        api.On(HttpMethod.Patch, "api/profiles/01DUPLICATEPROFILE", HttpStatusCode.OK, KlaviyoBodies.Profile("01DUPLICATEPROFILE"));
        api.On(HttpMethod.Post, "api/lists/LIST_A/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().UpsertProfileAsync(JaneDoe());

        Assert.That(result.ResolvedDuplicate, Is.True);
        var patches = api.RequestsTo(HttpMethod.Patch, "/api/profiles/01DUPLICATEPROFILE");
        Assert.That(patches, Has.Count.EqualTo(2));
        var second = System.Text.Json.Nodes.JsonNode.Parse(patches[1].Body!)!["data"]!["attributes"]!.AsObject();
        Assert.That(second.ContainsKey("email"), Is.False);
        Assert.That(second["first_name"]!.GetValue<string>(), Is.EqualTo("Jane"));
        Assert.That(api.Requests[^1].ToString(), Is.EqualTo("POST /api/lists/LIST_A/relationships/profiles"));
    }

    [Test]
    public void A_409_without_a_duplicate_profile_id_is_rethrown_and_nothing_else_is_sent()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Conflict, KlaviyoBodies.Conflict409WithoutId);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().UpsertProfileAsync(JaneDoe()));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_server_error_fails_the_call_before_the_list_add()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.InternalServerError, KlaviyoBodies.ServerError500);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().UpsertProfileAsync(JaneDoe()));

        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Absent_attributes_are_omitted_null_clears_and_values_are_sent_including_location_sub_fields()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.OK, KlaviyoBodies.Profile("01P"));

        await api.CreateClient().UpsertProfileAsync(new UpsertProfileRequest
        {
            ExternalId = "user-123",
            FirstName = "Jane",
            LastName = null,
            Title = null,
            Locale = "fr-FR",
            Location = new ProfileLocation
            {
                City = "Paris",
                Region = null,
                Latitude = "48.8566",
                Timezone = null,
                Ip = "127.0.0.1",
            },
            Properties = new Dictionary<string, object?> { ["plan"] = "pro", ["seats"] = 5, ["churned"] = null },
        });

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile","attributes":{
              "external_id":"user-123","first_name":"Jane","last_name":null,"title":null,"locale":"fr-FR",
              "location":{"city":"Paris","region":null,"latitude":"48.8566","timezone":null,"ip":"127.0.0.1"},
              "properties":{"plan":"pro","seats":5,"churned":null}}}}
            """,
            api.Requests[0].Body!);
    }

    [Test]
    public async Task A_null_location_clears_it_and_an_empty_location_is_an_empty_object()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.OK, KlaviyoBodies.Profile("01P"));
        var client = api.CreateClient();

        await client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@example.org", Location = null });
        await client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@example.org", Location = new ProfileLocation() });
        await client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@example.org" });

        JsonAssert.AreEquivalent("""{"data":{"type":"profile","attributes":{"email":"a@example.org","location":null}}}""", api.Requests[0].Body!);
        JsonAssert.AreEquivalent("""{"data":{"type":"profile","attributes":{"email":"a@example.org","location":{}}}}""", api.Requests[1].Body!);
        JsonAssert.AreEquivalent("""{"data":{"type":"profile","attributes":{"email":"a@example.org"}}}""", api.Requests[2].Body!);
    }

    [Test]
    public void An_unsupported_property_type_fails_validation_naming_the_key_and_sends_nothing()
    {
        var api = new KlaviyoApiMock();

        var ex = Assert.ThrowsAsync<KlaviyoValidationException>(() => api.CreateClient().UpsertProfileAsync(new UpsertProfileRequest
        {
            Email = "a@example.org",
            Properties = new Dictionary<string, object?> { ["address"] = new Dictionary<string, object?> { ["where"] = new Uri("https://example.com") } },
        }));

        Assert.That(ex!.Action, Is.EqualTo("upsertProfile"));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("properties.address.where"));
        Assert.That(ex.Errors.Single().Rule, Is.EqualTo("unsupported_type"));
        Assert.That(ex.Message, Does.Contain("System.Uri"));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public void A_null_request_throws_ArgumentNullException()
    {
        var client = new KlaviyoApiMock().CreateClient();
        Assert.ThrowsAsync<ArgumentNullException>(() => client.UpsertProfileAsync(null!));
    }
}
