using System.Net;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class ProfileIdLookupTests
{
    private static ProfileIdLookup Lookup(KlaviyoApiMock api) =>
        new(new KlaviyoTransport(
            api.Handler.ToHttpClient(),
            () => new KlaviyoClientOptions { ApiKey = KlaviyoApiMock.ApiKey, BaseAddress = KlaviyoApiMock.BaseAddress },
            SingleAttemptSendPolicy.Instance));

    [Test]
    public async Task Many_values_are_split_into_filters_of_100_and_matches_name_the_identifier()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, """
            {"data":[{"type":"profile","id":"P1","attributes":{"email":"user0@example.com","phone_number":null,"external_id":"x"}}],
             "links":{"next":null}}
            """);
        var set = new ProfileIdentifierSet();
        for (int i = 0; i < 250; i++)
        {
            set.Add(ProfileIdentifierKind.Email, $"user{i}@example.com");
        }

        set.Add(ProfileIdentifierKind.ExternalId, "x");

        var result = await Lookup(api).FindAsync(set, CancellationToken.None);

        var filters = api.Requests.Select(r => r.Query["filter"]!).ToList();
        Assert.That(filters, Has.Count.EqualTo(4));
        Assert.That(filters[0], Is.EqualTo("""any(external_id,["x"])"""));
        Assert.That(filters.Skip(1).Select(f => f.Split(',').Length - 1), Is.EqualTo(new[] { 100, 100, 50 }));
        Assert.That(filters[3], Does.StartWith("""any(email,["user200@example.com","""));
        Assert.That(result.ProfileIds, Is.EqualTo(new[] { "P1" }));
        Assert.That(result.Matches[0], Is.EqualTo(new ProfileMatch("P1", ProfileIdentifierKind.ExternalId, "x")));
        Assert.That(result.Matches[1], Is.EqualTo(new ProfileMatch("P1", ProfileIdentifierKind.Email, "user0@example.com")));
        Assert.That(result.Matches, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task An_empty_set_sends_nothing()
    {
        var api = new KlaviyoApiMock();

        var result = await Lookup(api).FindAsync(new ProfileIdentifierSet(), CancellationToken.None);

        Assert.That(result.ProfileIds, Is.Empty);
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public async Task A_next_link_that_repeats_does_not_loop_forever()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/profiles", HttpStatusCode.OK, KlaviyoBodies.ProfilePage(["P1"], "https://a.klaviyo.com/api/profiles?page%5Bcursor%5D=same"));

        var result = await Lookup(api).FindAsync(ProfileIdentifierSet.Of(new RemoveProfileRequest { ListId = "L", Email = "a@example.org" }), CancellationToken.None);

        Assert.That(result.ProfileIds, Is.EqualTo(new[] { "P1" }));
        Assert.That(api.Requests, Has.Count.EqualTo(2));
    }
}
