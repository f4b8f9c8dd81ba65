using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>The inspection API: C# members, the request log, reset, and the same over HTTP under <c>/__emulator</c>.</summary>
public sealed class InspectionTests : EmulatorTestBase
{
    protected override void Configure(KlaviyoEmulatorOptions options) => options.RequestLogCapacity = 3;

    [Test]
    public async Task The_request_log_keeps_the_latest_requests_with_bodies_and_a_redacted_key()
    {
        for (int i = 0; i < 4; i++)
        {
            using var response = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"a@shop.dev"}""", $"e{i}"));
        }

        using var bad = await GetAsync("api/profiles?page[size]=0");
        var log = Emulator.RequestLog;

        Assert.Multiple(() =>
        {
            Assert.That(log.Select(entry => entry.Sequence), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(log[0].Method, Is.EqualTo("POST"));
            Assert.That(log[0].Path, Is.EqualTo("/api/events"));
            Assert.That(log[0].Operation, Is.EqualTo("create_event"));
            Assert.That(log[0].StatusCode, Is.EqualTo(202));
            Assert.That(log[0].Body, Does.Contain("\"unique_id\":\"e2\""));
            Assert.That(log[0].Headers["revision"], Is.EqualTo("2026-07-15"));
            Assert.That(log[0].Headers["Authorization"], Is.EqualTo("Klaviyo-API-Key ..." + Emulator.ApiKey[^4..]));
            Assert.That(log[2].Query, Is.EqualTo("?page[size]=0"));
            Assert.That(log[2].StatusCode, Is.EqualTo(400));
            Assert.That(log[2].ResponseBody, Does.Contain("page[size]"));
        });
    }

    [Test]
    public async Task Reset_forgets_state_log_faults_and_rate_windows()
    {
        Emulator.RateLimiting.Enabled = true;
        await UpsertAsync("""{"email":"a@shop.dev"}""");
        await CreateListAsync("L");
        using var accounts = await GetAsync("api/accounts");
        Emulator.Faults.FailNext(EmulatorFaultKind.ServerError, 5);

        Emulator.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Profiles, Is.Empty);
            Assert.That(Emulator.Lists, Is.Empty);
            Assert.That(Emulator.RequestLog, Is.Empty);
            Assert.That(Emulator.Faults.PendingCount, Is.Zero);
        });
        using var again = await GetAsync("api/accounts");
        await ExpectAsync(again, HttpStatusCode.OK);
    }

    [Test]
    public async Task Http_inspection_lists_state_in_snake_case()
    {
        string id = await UpsertAsync("""{"email":"a@shop.dev","first_name":"Ada","properties":{"plan":"pro"}}""");
        using var info = await Http.GetFromJsonAsync<JsonDocument>("__emulator");
        using var profiles = await Http.GetFromJsonAsync<JsonDocument>("__emulator/profiles");
        using var one = await Http.GetFromJsonAsync<JsonDocument>($"__emulator/profiles/{id}");
        var profile = profiles!.RootElement[0];

        Assert.Multiple(() =>
        {
            Assert.That(info!.RootElement.GetProperty("api_key").GetString(), Is.EqualTo(Emulator.ApiKey));
            Assert.That(info.RootElement.GetProperty("base_address").GetString(), Is.EqualTo(Emulator.BaseAddress.AbsoluteUri));
            Assert.That(profile.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(profile.GetProperty("first_name").GetString(), Is.EqualTo("Ada"));
            Assert.That(profile.GetProperty("properties").GetProperty("plan").GetString(), Is.EqualTo("pro"));
            Assert.That(profile.GetProperty("consent").GetProperty("email_marketing").GetProperty("status").GetString(), Is.EqualTo("never_subscribed"));
            Assert.That(one!.RootElement.GetProperty("email").GetString(), Is.EqualTo("a@shop.dev"));
        });

        using var missing = await GetAsync("__emulator/profiles/nope");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Http_control_sets_faults_rate_limits_lists_and_resets()
    {
        using var created = await Http.PostAsync("__emulator/lists", JsonContent.Create(new { name = "Seeded" }));
        string listId = (await JsonAsync(created)).GetProperty("id").GetString()!;
        using var list = await GetAsync($"api/lists/{listId}");
        await ExpectAsync(list, HttpStatusCode.OK);

        using var faults = await Http.PutAsync("__emulator/faults", JsonContent.Create(new { server_error_rate = 1.0, server_error_status_code = 500 }));
        await ExpectAsync(faults, HttpStatusCode.OK);
        using var failing = await GetAsync("api/accounts");
        await ErrorAsync(failing, HttpStatusCode.InternalServerError);
        using var cleared = await Http.DeleteAsync("__emulator/faults");
        await ExpectAsync(cleared, HttpStatusCode.NoContent);

        using var scheduled = await Http.PostAsync("__emulator/faults/next", JsonContent.Create(new { kind = "throttle", count = 1, path = "/api/accounts" }));
        await ExpectAsync(scheduled, HttpStatusCode.OK);
        using var throttled = await GetAsync("api/accounts");
        await ExpectAsync(throttled, HttpStatusCode.TooManyRequests);

        using var limits = await Http.PutAsync("__emulator/rate-limiting", JsonContent.Create(new { enabled = true }));
        Assert.That(Emulator.RateLimiting.Enabled, Is.True);

        using var badFault = await Http.PutAsync("__emulator/faults", JsonContent.Create(new { throttle_rate = 3.0 }));
        Assert.That(badFault.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        using var reset = await Http.PostAsync("__emulator/reset", null);
        await ExpectAsync(reset, HttpStatusCode.NoContent);
        Assert.That(Emulator.Lists, Is.Empty);
    }

    [Test]
    public async Task Http_inspection_of_events_filters_by_metric()
    {
        using var viewed = await PostAsync("api/events", Payloads.Event("Viewed", """{"email":"a@shop.dev"}""", "1"));
        using var ordered = await PostAsync("api/events", Payloads.Event("Ordered", """{"email":"a@shop.dev"}""", "2"));
        using var events = await Http.GetFromJsonAsync<JsonDocument>("__emulator/events?metric=Ordered");
        Assert.Multiple(() =>
        {
            Assert.That(events!.RootElement.GetArrayLength(), Is.EqualTo(1));
            Assert.That(events.RootElement[0].GetProperty("metric_name").GetString(), Is.EqualTo("Ordered"));
            Assert.That(events.RootElement[0].GetProperty("unique_id").GetString(), Is.EqualTo("2"));
        });
    }
}
