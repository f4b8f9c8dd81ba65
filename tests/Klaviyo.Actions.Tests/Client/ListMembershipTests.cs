using System.Net;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;
using static Klaviyo.Actions.Tests.Client.Support.KlaviyoApiMock;

namespace Klaviyo.Actions.Tests.Client;

public class ListMembershipTests
{
    private const string Next = "https://a.klaviyo.com/api/profiles?filter=x&page%5Bsize%5D=100&page%5Bcursor%5D=";

    [Test]
    public async Task Add_to_list_upserts_the_profile_then_adds_it()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Created, KlaviyoBodies.Profile("PROFILE_NEW_1"));
        api.On(HttpMethod.Post, "api/lists/LIST_ENG/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().AddProfileToListAsync(new AddProfileToListRequest
        {
            ListId = "LIST_ENG",
            Email = "jane@example.com",
            FirstName = "Jane",
            Location = new ProfileLocation { City = "Paris" },
        });

        Assert.That(result.ListId, Is.EqualTo("LIST_ENG"));
        Assert.That(result.ProfileIds, Is.EqualTo(new[] { "PROFILE_NEW_1" }));
        var requests = api.Requests;
        JsonAssert.AreEquivalent(
            """{"data":{"type":"profile","attributes":{"email":"jane@example.com","first_name":"Jane","location":{"city":"Paris"}}}}""",
            requests[0].Body!);
        JsonAssert.AreEquivalent("""{"data":[{"type":"profile","id":"PROFILE_NEW_1"}]}""", requests[1].Body!);
    }

    [Test]
    public async Task Add_to_list_updates_a_duplicate_profile_before_adding_it()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Conflict, KlaviyoBodies.DuplicateProfile409);
        api.On(HttpMethod.Patch, "api/profiles/01DUPLICATEPROFILE", HttpStatusCode.OK, KlaviyoBodies.Profile("01DUPLICATEPROFILE"));
        api.On(HttpMethod.Post, "api/lists/LIST_ENG/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().AddProfileToListAsync(new AddProfileToListRequest { ListId = "LIST_ENG", Email = "jane@example.com", FirstName = "Jane" });

        Assert.That(result.ProfileIds, Is.EqualTo(new[] { "01DUPLICATEPROFILE" }));
        Assert.That(api.Requests.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "POST /api/profile-import",
            "PATCH /api/profiles/01DUPLICATEPROFILE",
            "POST /api/lists/LIST_ENG/relationships/profiles",
        }));
        JsonAssert.AreEquivalent(
            """{"data":{"type":"profile","id":"01DUPLICATEPROFILE","attributes":{"email":"jane@example.com","first_name":"Jane"}}}""",
            api.Requests[1].Body!);
    }

    [Test]
    public void Add_to_list_fails_on_a_create_error_instead_of_adding_a_profile_without_id()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.InternalServerError, KlaviyoBodies.ServerError500);

        Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().AddProfileToListAsync(new AddProfileToListRequest { ListId = "L", Email = "a@example.org" }));
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Remove_from_list_follows_every_page_for_each_identifier_kind_and_deletes_the_unique_ids()
    {
        var api = new KlaviyoApiMock();
        var isExternal = QueryIs("filter", """any(external_id,["user-123"])""");
        var isEmail = QueryIs("filter", """any(email,["jane@example.com"])""");
        var isPhone = QueryIs("filter", """any(phone_number,["+14155552671"])""");
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["EXT1", "EXT2"], Next + "e2"), All(isExternal, QueryIs("page[cursor]", null)));
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["EXT3"]), QueryIs("page[cursor]", "e2"));
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["EXT2", "MAIL1"], Next + "m2"), All(isEmail, QueryIs("page[cursor]", null)));
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["MAIL2"]), QueryIs("page[cursor]", "m2"));
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["PHONE1", "EXT1"]), isPhone);
        api.On(HttpMethod.Delete, "api/lists/LIST_ENG/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().RemoveProfileFromListAsync(new RemoveProfileFromListRequest
        {
            ListId = "LIST_ENG",
            ExternalId = "user-123",
            Email = "jane@example.com",
            PhoneNumber = "+14155552671",
        });

        string[] expected = ["EXT1", "EXT2", "EXT3", "MAIL1", "MAIL2", "PHONE1"];
        Assert.That(result.ProfileIds, Is.EqualTo(expected));
        var requests = api.Requests;
        Assert.That(requests, Has.Count.EqualTo(6));
        Assert.That(requests.Take(5).Select(r => r.Query["filter"]), Is.EqualTo(new[]
        {
            """any(external_id,["user-123"])""", "x", """any(email,["jane@example.com"])""", "x", """any(phone_number,["+14155552671"])""",
        }));
        Assert.That(requests[0].Query["page[size]"], Is.EqualTo("100"));
        Assert.That(requests[1].RawQuery, Is.EqualTo("filter=x&page%5Bsize%5D=100&page%5Bcursor%5D=e2"), "next link followed as given");
        Assert.That(requests[5].ToString(), Is.EqualTo("DELETE /api/lists/LIST_ENG/relationships/profiles"));
        JsonAssert.AreEquivalent(
            """{"data":[{"type":"profile","id":"EXT1"},{"type":"profile","id":"EXT2"},{"type":"profile","id":"EXT3"},{"type":"profile","id":"MAIL1"},{"type":"profile","id":"MAIL2"},{"type":"profile","id":"PHONE1"}]}""",
            requests[5].Body!);
    }

    [Test]
    public async Task Filter_values_are_json_escaped_and_the_whole_filter_is_percent_encoded()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage([]));

        await api.CreateClient().RemoveProfileAsync(new RemoveProfileRequest { ListId = "L", ExternalId = "a+\"b\"@x" });

        var request = api.Requests.Single();
        Assert.That(request.Query["filter"], Is.EqualTo("""any(external_id,["a+\"b\"@x"])"""));
        Assert.That(request.RawQuery, Is.EqualTo("filter=any%28external_id%2C%5B%22a%2B%5C%22b%5C%22%40x%22%5D%29&page[size]=100"));
    }

    [Test]
    public async Task Nothing_found_returns_an_empty_result_and_sends_no_delete()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage([]));

        var result = await api.CreateClient().RemoveProfileAsync(new RemoveProfileRequest { ListId = "LIST_A", Email = "nobody@example.com", PhoneNumber = "+14155552671" });

        Assert.That(result.ListId, Is.EqualTo("LIST_A"));
        Assert.That(result.ProfileIds, Is.Empty);
        Assert.That(api.Requests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Get));
        Assert.That(api.Requests, Has.Count.EqualTo(2), "only the kinds with values are looked up");
    }

    [Test]
    public async Task More_than_1000_ids_are_removed_in_chunks_of_1000()
    {
        var api = new KlaviyoApiMock();
        const int pages = 13;
        for (int page = 0; page < pages; page++)
        {
            var ids = Enumerable.Range(page * 100, 100).Select(i => $"P{i:D4}");
            string? next = page + 1 < pages ? Next + (page + 1) : null;
            api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(ids, next), QueryIs("page[cursor]", page == 0 ? null : page.ToString()));
        }

        api.On(HttpMethod.Delete, "api/lists/LIST_A/relationships/profiles", HttpStatusCode.NoContent);

        var result = await api.CreateClient().RemoveProfileFromListAsync(new RemoveProfileFromListRequest { ListId = "LIST_A", ExternalId = "shared-id" });

        Assert.That(result.ProfileIds, Has.Count.EqualTo(1300));
        var deletes = api.RequestsTo(HttpMethod.Delete, "/api/lists/LIST_A/relationships/profiles");
        Assert.That(deletes.Select(d => d.Json.GetProperty("data").GetArrayLength()), Is.EqualTo(new[] { 1000, 300 }));
        Assert.That(deletes[1].Json.GetProperty("data")[0].GetProperty("id").GetString(), Is.EqualTo("P1000"));
        Assert.That(api.Requests.Count(r => r.Method == HttpMethod.Get), Is.EqualTo(pages));
    }

    [Test]
    public void A_failed_lookup_fails_the_call_without_a_delete()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.TooManyRequests, KlaviyoBodies.Throttled429);

        Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().RemoveProfileAsync(new RemoveProfileRequest { ListId = "L", Email = "a@example.org" }));
        Assert.That(api.Requests.Select(r => r.Method), Is.All.EqualTo(HttpMethod.Get));
    }
}
