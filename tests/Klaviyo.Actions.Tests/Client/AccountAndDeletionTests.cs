using System.Net;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class AccountAndDeletionTests
{
    [Test]
    public async Task Get_account_reads_the_first_account()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/accounts", HttpStatusCode.OK, """
            {"data":[{"type":"account","id":"AbC123","attributes":{"test_account":true,
              "contact_information":{"default_sender_name":"Acme","default_sender_email":"hi@acme.test","website_url":"https://acme.test",
                "organization_name":"Acme Inc","street_address":{"address1":"1 Main St","city":"Boston","country":"US"}},
              "industry":"Retail","timezone":"America/New_York","preferred_currency":"USD","public_api_key":"AbC123","locale":"en-US"},
              "links":{"self":"https://a.klaviyo.com/api/accounts/AbC123"}}],
             "links":{"self":"https://a.klaviyo.com/api/accounts","next":null,"prev":null}}
            """);

        var account = await api.CreateClient().GetAccountAsync();

        Assert.That(account, Is.EqualTo(new KlaviyoAccount("AbC123", "Acme Inc", TestAccount: true, "America/New_York", "USD")));
        var request = api.Requests.Single();
        Assert.That(request.ToString(), Is.EqualTo("GET /api/accounts"));
        Assert.That(request.Body, Is.Null);
    }

    [Test]
    public void An_empty_account_list_is_reported_as_an_unusable_answer()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Get, "api/accounts", HttpStatusCode.OK, """{"data":[]}""");

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => api.CreateClient().GetAccountAsync());
        Assert.That(ex!.Message, Does.Contain("GET api/accounts"));
    }

    [TestCase("01GDDKASAP8TKDDA2GRZDSVP4H", null, null, """{"type":"profile","id":"01GDDKASAP8TKDDA2GRZDSVP4H"}""")]
    [TestCase(null, "jane@example.com", null, """{"type":"profile","attributes":{"email":"jane@example.com"}}""")]
    [TestCase(null, null, "+14155552671", """{"type":"profile","attributes":{"phone_number":"+14155552671"}}""")]
    public async Task Deletion_sends_exactly_one_identifier(string? id, string? email, string? phone, string profile)
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/data-privacy-deletion-jobs", HttpStatusCode.Accepted);

        await api.CreateClient().RequestProfileDeletionAsync(new ProfileDeletionRequest { ProfileId = id, Email = email, PhoneNumber = phone });

        var request = api.Requests.Single();
        Assert.That(request.ToString(), Is.EqualTo("POST /api/data-privacy-deletion-jobs"));
        JsonAssert.AreEquivalent(
            $$$"""{"data":{"type":"data-privacy-deletion-job","attributes":{"profile":{"data":{{{profile}}} } } } }""",
            request.Body!);
    }

    [Test]
    public void Deletion_with_two_identifiers_is_rejected_before_sending()
    {
        var api = new KlaviyoApiMock();

        var ex = Assert.ThrowsAsync<KlaviyoValidationException>(() =>
            api.CreateClient().RequestProfileDeletionAsync(new ProfileDeletionRequest { ProfileId = "01P", Email = "jane@example.com" }));

        Assert.That(ex!.Errors.Single().Rule, Is.EqualTo("one_identifier"));
        Assert.That(api.Requests, Is.Empty);
    }
}
