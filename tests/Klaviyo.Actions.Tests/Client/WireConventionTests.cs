using System.Net;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

/// <summary>Headers and path conventions every operation shares.</summary>
public class WireConventionTests
{
    private static async Task<IReadOnlyList<CapturedRequest>> RunEveryOperationAsync()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/profile-import", HttpStatusCode.Created, KlaviyoBodies.Profile("P1"));
        api.On(HttpMethod.Post, "api/lists/L1/relationships/profiles", HttpStatusCode.NoContent);
        api.On(HttpMethod.Delete, "api/lists/L1/relationships/profiles", HttpStatusCode.NoContent);
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);
        api.On(HttpMethod.Post, "api/profile-subscription-bulk-create-jobs", HttpStatusCode.Accepted);
        api.On(HttpMethod.Post, "api/profile-subscription-bulk-delete-jobs", HttpStatusCode.Accepted);
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["P1"]));
        api.On(HttpMethod.Get, "api/accounts", HttpStatusCode.OK, """{"data":[{"type":"account","id":"A1","attributes":{}}]}""");
        api.On(HttpMethod.Post, "api/data-privacy-deletion-jobs", HttpStatusCode.Accepted);
        api.On(HttpMethod.Post, "api/lists", HttpStatusCode.Created, """{"data":{"type":"list","id":"L1","attributes":{"name":"N"}}}""");
        api.On(HttpMethod.Get, "api/lists/L1", HttpStatusCode.OK, """{"data":{"type":"list","id":"L1","attributes":{"name":"N"}}}""");
        api.On(HttpMethod.Get, "api/lists", HttpStatusCode.OK, KlaviyoBodies.ListPage([("L1", "N")]));
        var client = api.CreateClient();

        await client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@example.org", ListId = "L1" });
        await client.TrackEventAsync(new TrackEventRequest { MetricName = "M", Profile = new EventProfile { Email = "a@example.org" } });
        await client.TrackOrderCompletedAsync(new OrderCompletedRequest { Profile = new EventProfile { Email = "a@example.org" }, Products = [new OrderProduct { Sku = "S" }] });
        await client.SubscribeProfileAsync(new SubscribeProfileRequest { Email = "a@example.org" });
        await client.UnsubscribeProfileAsync(new UnsubscribeProfileRequest { Email = "a@example.org" });
        await client.AddProfileToListAsync(new AddProfileToListRequest { ListId = "L1", Email = "a@example.org" });
        await client.RemoveProfileFromListAsync(new RemoveProfileFromListRequest { ListId = "L1", Email = "a@example.org" });
        await client.RemoveProfileAsync(new RemoveProfileRequest { ListId = "L1", Email = "a@example.org" });
        await client.GetAccountAsync();
        await client.RequestProfileDeletionAsync(new ProfileDeletionRequest { Email = "a@example.org" });
        await client.CreateListAsync("N");
        await client.GetListAsync("L1");
        await client.FindListsByNameAsync("N");
        return api.Requests;
    }

    [Test]
    public async Task Every_request_carries_the_key_revision_and_json_api_media_types()
    {
        var requests = await RunEveryOperationAsync();

        Assert.That(requests, Has.Count.GreaterThanOrEqualTo(16));
        foreach (var request in requests)
        {
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Klaviyo-API-Key " + KlaviyoApiMock.ApiKey), request.ToString());
            Assert.That(request.Headers["revision"], Is.EqualTo("2026-07-15"), request.ToString());
            Assert.That(request.Headers["Accept"], Is.EqualTo("application/vnd.api+json"), request.ToString());
            Assert.That(request.ContentType, request.Method == HttpMethod.Get ? Is.Null : Is.EqualTo("application/vnd.api+json"), request.ToString());
            Assert.That(request.Path, Does.StartWith("/api/").And.Not.EndWith("/"), request.ToString());
        }
    }

    [Test]
    public async Task The_revision_header_comes_from_the_options()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/accounts", HttpStatusCode.OK, """{"data":[{"type":"account","id":"A1"}]}""");
        var client = new KlaviyoClient(api.Handler.ToHttpClient(), new KlaviyoClientOptions
        {
            ApiKey = KlaviyoApiMock.ApiKey,
            BaseAddress = KlaviyoApiMock.BaseAddress,
            Revision = "2026-10-15",
            Resilience = { Enabled = false },
            RateLimiting = { Enabled = false },
        });

        await client.GetAccountAsync();

        Assert.That(api.Requests.Single().Headers["revision"], Is.EqualTo("2026-10-15"));
    }
}
