using System.Net;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Bulk subscribe and unsubscribe: consent state, historical imports, suppressions, lists and limits.</summary>
public sealed class SubscriptionTests : EmulatorTestBase
{
    private const string SubscribePath = "api/profile-subscription-bulk-create-jobs";
    private const string UnsubscribePath = "api/profile-subscription-bulk-delete-jobs";

    [Test]
    public async Task Subscribe_records_email_and_sms_consent_with_the_custom_source()
    {
        string row = Payloads.SubscribeRow("""
            {"email":"ada@shop.dev","phone_number":"+15005550006","subscriptions":{
              "email":{"marketing":{"consent":"SUBSCRIBED"}},
              "sms":{"marketing":{"consent":"SUBSCRIBED"},"transactional":{"consent":"SUBSCRIBED"}}}}
            """);
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe([row], customSource: "-59"));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);

        var consent = Emulator.FindProfileByEmail("ada@shop.dev")!.Consent;
        Assert.Multiple(() =>
        {
            Assert.That(consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
            Assert.That(consent.EmailMarketing.ConsentedAt, Is.EqualTo(Start));
            Assert.That(consent.EmailMarketing.CustomSource, Is.EqualTo("-59"));
            Assert.That(consent.SmsMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
            Assert.That(consent.SmsTransactional.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
            Assert.That(consent.CanReceiveEmailMarketing, Is.True);
        });
    }

    [Test]
    public async Task Consent_is_readable_through_additional_fields()
    {
        using var subscribe = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("ada@shop.dev"))]));
        await ExpectAsync(subscribe, HttpStatusCode.Accepted);
        string id = Emulator.FindProfileByEmail("ada@shop.dev")!.Id;

        using var response = await GetAsync($"api/profiles/{id}?additional-fields[profile]=subscriptions");
        var marketing = (await JsonAsync(response)).GetProperty("data").GetProperty("attributes")
            .GetProperty("subscriptions").GetProperty("email").GetProperty("marketing");
        Assert.Multiple(() =>
        {
            Assert.That(marketing.GetProperty("consent").GetString(), Is.EqualTo("SUBSCRIBED"));
            Assert.That(marketing.GetProperty("can_receive_email_marketing").GetBoolean(), Is.True);
            Assert.That(marketing.GetProperty("consent_timestamp").GetString(), Is.EqualTo("2026-08-01T12:00:00+00:00"));
        });
    }

    [Test]
    public async Task Historical_import_keeps_the_past_consented_at()
    {
        string body = Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("ada@shop.dev", consentedAt: "2024-01-15T00:00:00Z"))], historicalImport: true);
        using var response = await PostAsync(SubscribePath, body);
        await ExpectAsync(response, HttpStatusCode.Accepted);
        var email = Emulator.FindProfileByEmail("ada@shop.dev")!.Consent.EmailMarketing;
        Assert.Multiple(() =>
        {
            Assert.That(email.ConsentedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(email.HistoricalImport, Is.True);
        });
    }

    [TestCase(false, "2024-01-15T00:00:00Z")]
    [TestCase(true, null)]
    [TestCase(true, "2026-08-01T12:00:01Z")]
    public async Task Consented_at_only_with_historical_import_and_in_the_past(bool historical, string? consentedAt)
    {
        string body = Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("ada@shop.dev", consentedAt: consentedAt))], historicalImport: historical);
        using var response = await PostAsync(SubscribePath, body);
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at" }));
        Assert.That(Emulator.Profiles, Is.Empty);
    }

    [TestCase("""{"email":"ada@shop.dev"}""", "/data/attributes/profiles/data/0/attributes/subscriptions")]
    [TestCase("""{"email":"ada@shop.dev","first_name":"A","subscriptions":{"email":{"marketing":{"consent":"SUBSCRIBED"}}}}""", "/data/attributes/profiles/data/0/attributes/first_name")]
    [TestCase("""{"email":"ada@shop.dev","subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}""", "/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consent")]
    [TestCase("""{"email":"ada@shop.dev","subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}""", "/data/attributes/profiles/data/0/attributes/phone_number")]
    [TestCase("""{"phone_number":"5005550006","subscriptions":{"sms":{"marketing":{"consent":"SUBSCRIBED"}}}}""", "/data/attributes/profiles/data/0/attributes/phone_number")]
    public async Task Invalid_subscribe_rows_are_400_with_a_pointer(string attributes, string expectedPointer)
    {
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(attributes)]));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Does.Contain(expectedPointer));
    }

    [Test]
    public async Task An_unknown_list_is_400_at_the_list_relationship()
    {
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev"))], listId: "NoList"));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(PointerOf(error), Is.EqualTo("/data/relationships/list/data/id"));
            Assert.That(Emulator.Profiles, Is.Empty);
        });
    }

    [Test]
    public async Task Subscribing_through_a_list_adds_the_profile_to_it()
    {
        string listId = await CreateListAsync("Newsletter");
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev"))], listId));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        Assert.That(Emulator.GetListMembers(listId), Is.EqualTo(new[] { Emulator.FindProfileByEmail("a@shop.dev")!.Id }));
    }

    [Test]
    public async Task A_double_opt_in_list_waits_for_confirmation()
    {
        var list = Emulator.CreateList("Confirmed", "double_opt_in");
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev"))], list.Id));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        var email = Emulator.FindProfileByEmail("a@shop.dev")!.Consent.EmailMarketing;
        Assert.Multiple(() =>
        {
            Assert.That(email.Status, Is.EqualTo(EmulatedConsentStatus.NeverSubscribed));
            Assert.That(email.AwaitingDoubleOptIn, Is.True);
            Assert.That(Emulator.GetListMembers(list.Id), Is.Empty);
        });
    }

    [Test]
    public async Task Unsubscribe_without_a_list_is_global_and_suppresses_email()
    {
        using var subscribe = await PostAsync(SubscribePath, Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev"))]));
        Time.Advance(TimeSpan.FromMinutes(1));
        using var response = await PostAsync(UnsubscribePath, Payloads.Unsubscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev", "UNSUBSCRIBED"))]));
        await ExpectAsync(response, HttpStatusCode.Accepted);

        var consent = Emulator.FindProfileByEmail("a@shop.dev")!.Consent;
        Assert.Multiple(() =>
        {
            Assert.That(consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Unsubscribed));
            Assert.That(consent.Suppressions.Single().Reason, Is.EqualTo("UNSUBSCRIBE"));
            Assert.That(consent.CanReceiveEmailMarketing, Is.False);
            Assert.That(Emulator.Suppressions, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Unsubscribe_with_a_list_removes_members_and_globally_unsubscribes_everyone_else()
    {
        string listId = await CreateListAsync("Newsletter");
        using var subscribe = await PostAsync(SubscribePath, Payloads.Subscribe(
            [Payloads.SubscribeRow(Payloads.EmailMarketing("member@shop.dev")), Payloads.SubscribeRow(Payloads.EmailMarketing("outsider@shop.dev"))]));
        string member = Emulator.FindProfileByEmail("member@shop.dev")!.Id;
        using var add = await PostAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers([member]));
        await ExpectAsync(add, HttpStatusCode.NoContent);

        using var response = await PostAsync(UnsubscribePath, Payloads.Unsubscribe(
            [
                Payloads.SubscribeRow(Payloads.EmailMarketing("member@shop.dev", "UNSUBSCRIBED")),
                Payloads.SubscribeRow(Payloads.EmailMarketing("outsider@shop.dev", "UNSUBSCRIBED")),
            ],
            listId));
        await ExpectAsync(response, HttpStatusCode.Accepted);

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.GetListMembers(listId), Is.Empty);
            Assert.That(Emulator.FindProfileByEmail("member@shop.dev")!.Consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
            Assert.That(Emulator.FindProfileByEmail("outsider@shop.dev")!.Consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Unsubscribed));
            Assert.That(Emulator.FindProfileByEmail("outsider@shop.dev")!.Consent.Suppressions, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Subscribing_again_lifts_the_unsubscribe_suppression()
    {
        string row = Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev"));
        using var unsubscribe = await PostAsync(UnsubscribePath, Payloads.Unsubscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev", "UNSUBSCRIBED"))]));
        Assert.That(Emulator.Suppressions, Has.Count.EqualTo(1));
        Time.Advance(TimeSpan.FromHours(1));
        using var subscribe = await PostAsync(SubscribePath, Payloads.Subscribe([row]));
        await ExpectAsync(subscribe, HttpStatusCode.Accepted);
        var consent = Emulator.FindProfileByEmail("a@shop.dev")!.Consent;
        Assert.Multiple(() =>
        {
            Assert.That(consent.Suppressions, Is.Empty);
            Assert.That(consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
        });
    }

    [Test]
    public async Task A_backdated_subscribe_before_a_later_unsubscribe_is_refused()
    {
        using var unsubscribe = await PostAsync(UnsubscribePath, Payloads.Unsubscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev", "UNSUBSCRIBED"))]));
        string body = Payloads.Subscribe([Payloads.SubscribeRow(Payloads.EmailMarketing("a@shop.dev", consentedAt: "2025-01-01T00:00:00Z"))], historicalImport: true);
        using var response = await PostAsync(SubscribePath, body);
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(PointerOf(error), Is.EqualTo("/data/attributes/profiles/data/0/attributes/subscriptions/email/marketing/consented_at"));
    }

    [TestCase(1000, HttpStatusCode.Accepted)]
    [TestCase(1001, HttpStatusCode.BadRequest)]
    public async Task Subscribe_takes_up_to_1000_profiles(int count, HttpStatusCode expected)
    {
        var rows = Enumerable.Range(0, count).Select(i => Payloads.SubscribeRow(Payloads.EmailMarketing($"s{i}@shop.dev")));
        using var response = await PostAsync(SubscribePath, Payloads.Subscribe(rows));
        await ExpectAsync(response, expected);
        Assert.That(Emulator.Profiles, Has.Count.EqualTo(expected == HttpStatusCode.Accepted ? count : 0));
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data" }));
        }
    }

    [TestCase(100, HttpStatusCode.Accepted)]
    [TestCase(101, HttpStatusCode.BadRequest)]
    public async Task Unsubscribe_takes_up_to_100_profiles(int count, HttpStatusCode expected)
    {
        var rows = Enumerable.Range(0, count).Select(i => Payloads.SubscribeRow(Payloads.EmailMarketing($"u{i}@shop.dev", "UNSUBSCRIBED")));
        using var response = await PostAsync(UnsubscribePath, Payloads.Unsubscribe(rows));
        await ExpectAsync(response, expected);
        Assert.That(Emulator.Suppressions, Has.Count.EqualTo(expected == HttpStatusCode.Accepted ? count : 0));
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data" }));
        }
    }

    [Test]
    public async Task Unsubscribe_rows_cannot_carry_a_profile_id()
    {
        string row = """{"type":"profile","id":"01ABC","attributes":{"email":"a@shop.dev","subscriptions":{"email":{"marketing":{"consent":"UNSUBSCRIBED"}}}}}""";
        using var response = await PostAsync(UnsubscribePath, Payloads.Unsubscribe([row]));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data/0/id" }));
    }
}
