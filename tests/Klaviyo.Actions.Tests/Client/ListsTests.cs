using System.Net;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;
using static Klaviyo.Actions.Tests.Client.Support.KlaviyoApiMock;

namespace Klaviyo.Actions.Tests.Client;

public class ListsTests
{
    [Test]
    public async Task Create_list_posts_the_name_and_reads_the_new_list()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/lists", HttpStatusCode.Created, """
            {"data":{"type":"list","id":"Y6nRLr","attributes":{"name":"Newsletter","created":"2024-05-01T12:00:00+00:00",
             "updated":"2024-05-01T12:00:00+00:00","opt_in_process":"double_opt_in"},"links":{"self":"https://a.klaviyo.com/api/lists/Y6nRLr"}}}
            """);

        var list = await api.CreateClient().CreateListAsync("Newsletter");

        Assert.That(list, Is.EqualTo(new KlaviyoList("Y6nRLr", "Newsletter", "double_opt_in")));
        JsonAssert.AreEquivalent("""{"data":{"type":"list","attributes":{"name":"Newsletter"}}}""", api.Requests.Single().Body!);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Create_list_rejects_a_blank_name(string name)
    {
        var api = new KlaviyoApiMock();
        Assert.ThrowsAsync<ArgumentException>(() => api.CreateClient().CreateListAsync(name));
        Assert.ThrowsAsync<ArgumentNullException>(() => api.CreateClient().CreateListAsync(null!));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public async Task Get_list_escapes_the_id_in_the_path()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/lists/a%2Fb%20c", HttpStatusCode.OK, """{"data":{"type":"list","id":"a/b c","attributes":{"name":"Odd"}}}""");

        var list = await api.CreateClient().GetListAsync("a/b c");

        Assert.That(list, Is.EqualTo(new KlaviyoList("a/b c", "Odd")));
        Assert.That(api.Requests.Single().Uri.AbsolutePath, Is.EqualTo("/api/lists/a%2Fb%20c"));
    }

    [Test]
    public void A_missing_list_is_a_404_api_exception()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/lists/NOPE", HttpStatusCode.NotFound, """
            {"errors":[{"id":"n1","status":404,"code":"not_found","title":"Not found.","detail":"A list with id NOPE does not exist.","source":{"pointer":"/data/"}}]}
            """);

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().GetListAsync("NOPE"));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(ex.Errors.Single().Detail, Is.EqualTo("A list with id NOPE does not exist."));
    }

    [Test]
    public async Task Find_lists_by_name_follows_all_pages_and_keeps_exact_matches()
    {
        var api = new KlaviyoApiMock();
        const string next = "https://a.klaviyo.com/api/lists?filter=equals%28name%2C%22Newsletter%22%29&page%5Bsize%5D=10&page%5Bcursor%5D=c2";
        api.On(HttpMethod.Get, "api/lists", HttpStatusCode.OK, KlaviyoBodies.ListPage([("L1", "Newsletter"), ("L2", "newsletter")], next), QueryIs("page[cursor]", null));
        api.On(HttpMethod.Get, "api/lists", HttpStatusCode.OK, KlaviyoBodies.ListPage([("L3", "Newsletter")]), QueryIs("page[cursor]", "c2"));

        var lists = await api.CreateClient().FindListsByNameAsync("Newsletter");

        Assert.That(lists.Select(l => l.Id), Is.EqualTo(new[] { "L1", "L3" }));
        var requests = api.Requests;
        Assert.That(requests[0].Query["filter"], Is.EqualTo("""equals(name,"Newsletter")"""));
        Assert.That(requests[0].Query["page[size]"], Is.EqualTo("10"));
        Assert.That(requests[1].RawQuery, Does.EndWith("page%5Bcursor%5D=c2"));
    }
}
