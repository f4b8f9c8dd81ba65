using System.Net;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class SubscriptionTests
{
    private static KlaviyoApiMock Accepting(string path)
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, path, HttpStatusCode.Accepted);
        return api;
    }

    [Test]
    public async Task Subscribe_with_historical_import_sends_consented_at_on_each_marketing_channel_and_the_list()
    {
        var api = Accepting("api/profile-subscription-bulk-create-jobs");

        await api.CreateClient().SubscribeProfileAsync(new SubscribeProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155550100",
            ListId = "LIST_A",
            CustomSource = "Website Footer",
            HistoricalImport = true,
            ConsentedAt = new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2)),
        });

        var request = api.Requests.Single();
        Assert.That(request.ToString(), Is.EqualTo("POST /api/profile-subscription-bulk-create-jobs"));
        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-subscription-bulk-create-job","attributes":{
              "custom_source":"Website Footer","historical_import":true,
              "profiles":{"data":[{"type":"profile","attributes":{
                "email":"jane@example.com","phone_number":"+14155550100",
                "subscriptions":{
                  "email":{"marketing":{"consent":"SUBSCRIBED","consented_at":"2024-05-01T12:00:00.000Z"}},
                  "sms":{"marketing":{"consent":"SUBSCRIBED","consented_at":"2024-05-01T12:00:00.000Z"}}}}}]}},
              "relationships":{"list":{"data":{"type":"list","id":"LIST_A"}}}}}
            """,
            request.Body!);
    }

    [Test]
    public async Task Subscribe_defaults_to_segments_source_no_historical_import_and_no_consented_at()
    {
        var api = Accepting("api/profile-subscription-bulk-create-jobs");

        await api.CreateClient().SubscribeProfileAsync(new SubscribeProfileRequest
        {
            Email = "jane@example.com",
            ConsentedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), // ignored without historical import
        });

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-subscription-bulk-create-job","attributes":{
              "custom_source":"-59","historical_import":false,
              "profiles":{"data":[{"type":"profile","attributes":{
                "email":"jane@example.com",
                "subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}}]}}}}
            """,
            api.Requests.Single().Body!);
    }

    [Test]
    public async Task Subscribe_sends_only_the_chosen_channels()
    {
        var api = Accepting("api/profile-subscription-bulk-create-jobs");

        await api.CreateClient().SubscribeProfileAsync(new SubscribeProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155550100",
            Channels = ConsentChannels.SmsMarketing | ConsentChannels.SmsTransactional,
        });

        JsonAssert.AreEquivalent(
            """
            {"email":"jane@example.com","phone_number":"+14155550100",
             "subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"},"transactional":{"consent":"SUBSCRIBED"}}}}
            """,
            api.Requests.Single().Json.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data")[0].GetProperty("attributes").GetRawText());
    }

    [Test]
    public async Task Unsubscribe_withdraws_email_marketing_and_both_sms_consents_without_source_or_import_flag()
    {
        var api = Accepting("api/profile-subscription-bulk-delete-jobs");

        await api.CreateClient().UnsubscribeProfileAsync(new UnsubscribeProfileRequest
        {
            Email = "jane@example.com",
            PhoneNumber = "+14155550100",
        });

        var request = api.Requests.Single();
        Assert.That(request.ToString(), Is.EqualTo("POST /api/profile-subscription-bulk-delete-jobs"));
        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{
              "profiles":{"data":[{"type":"profile","attributes":{
                "email":"jane@example.com","phone_number":"+14155550100",
                "subscriptions":{
                  "email":{"marketing":{"consent":"UNSUBSCRIBED"}},
                  "sms":{"marketing":{"consent":"UNSUBSCRIBED"},"transactional":{"consent":"UNSUBSCRIBED"}}}}}]}}}}
            """,
            request.Body!);
    }

    [Test]
    public async Task Unsubscribe_from_a_list_adds_the_list_relationship()
    {
        var api = Accepting("api/profile-subscription-bulk-delete-jobs");

        await api.CreateClient().UnsubscribeProfileAsync(new UnsubscribeProfileRequest { PhoneNumber = "+918448309222", ListId = "Y6nRLr" });

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile-subscription-bulk-delete-job","attributes":{
              "profiles":{"data":[{"type":"profile","attributes":{"phone_number":"+918448309222",
                "subscriptions":{"sms":{"marketing":{"consent":"UNSUBSCRIBED"},"transactional":{"consent":"UNSUBSCRIBED"}}}}}]}},
              "relationships":{"list":{"data":{"type":"list","id":"Y6nRLr"}}}}}
            """,
            api.Requests.Single().Body!);
    }
}
