using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Lists: create, get, find by name, the daily creation cap, and membership relationships.</summary>
public sealed class ListTests : EmulatorTestBase
{
    protected override void Configure(KlaviyoEmulatorOptions options) => options.ImportJobQueuedTime = options.ImportJobProcessingTime = TimeSpan.Zero;

    [Test]
    public async Task Create_get_and_find_by_name()
    {
        using var created = await PostAsync("api/lists", """{"data":{"type":"list","attributes":{"name":"VIP","opt_in_process":"double_opt_in"}}}""");
        await ExpectAsync(created, HttpStatusCode.Created);
        var list = (await JsonAsync(created)).GetProperty("data");
        string id = list.GetProperty("id").GetString()!;
        await CreateListAsync("Other");

        using var get = await GetAsync($"api/lists/{id}");
        var fetched = (await JsonAsync(get)).GetProperty("data");
        using var found = await GetAsync("api/lists?filter=" + Uri.EscapeDataString("equals(name,\"VIP\")"));
        var matches = (await JsonAsync(found)).GetProperty("data");

        Assert.Multiple(() =>
        {
            Assert.That(id, Does.Match("^[A-Za-z0-9]{6}$"));
            Assert.That(fetched.GetProperty("attributes").GetProperty("name").GetString(), Is.EqualTo("VIP"));
            Assert.That(fetched.GetProperty("attributes").GetProperty("opt_in_process").GetString(), Is.EqualTo("double_opt_in"));
            Assert.That(matches.EnumerateArray().Select(l => l.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));
        });
    }

    [Test]
    public async Task An_unknown_list_is_404_with_klaviyos_message()
    {
        using var response = await GetAsync("api/lists/LIST_NOPE");
        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(error.GetProperty("detail").GetString(), Is.EqualTo("A list with id LIST_NOPE does not exist."));
        });
    }

    [Test]
    public async Task Lists_page_by_ten_at_most()
    {
        for (int i = 0; i < 12; i++)
        {
            Emulator.CreateList($"L{i}");
        }

        using var first = await GetAsync("api/lists");
        var root = await JsonAsync(first);
        using var second = await GetAsync(root.GetProperty("links").GetProperty("next").GetString()!);
        var secondRoot = await JsonAsync(second);
        using var tooBig = await GetAsync("api/lists?page[size]=11");

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("data").GetArrayLength(), Is.EqualTo(10));
            Assert.That(secondRoot.GetProperty("data").GetArrayLength(), Is.EqualTo(2));
            Assert.That(secondRoot.GetProperty("links").GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        await ErrorAsync(tooBig, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Creating_more_than_150_lists_a_day_is_throttled_until_the_next_day()
    {
        for (int i = 0; i < 150; i++)
        {
            await CreateListAsync($"Daily {i}");
        }

        using var refused = await PostAsync("api/lists", """{"data":{"type":"list","attributes":{"name":"One too many"}}}""");
        var error = await ErrorAsync(refused, (HttpStatusCode)429);
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("throttled"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(12)), "until midnight UTC");
        });

        Time.Advance(TimeSpan.FromHours(12));
        await CreateListAsync("Next day");
        Assert.That(Emulator.Lists, Has.Count.EqualTo(151));
    }

    [Test]
    public async Task Profiles_are_added_and_removed_with_204()
    {
        string listId = await CreateListAsync("Members");
        string a = await UpsertAsync("""{"email":"a@shop.dev"}""");
        string b = await UpsertAsync("""{"email":"b@shop.dev"}""");

        using var add = await PostAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers([a, b]));
        await ExpectAsync(add, HttpStatusCode.NoContent);
        Assert.That(Emulator.GetListMembers(listId), Is.EqualTo(new[] { a, b }));

        using var remove = await DeleteAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers([a]));
        await ExpectAsync(remove, HttpStatusCode.NoContent);
        Assert.Multiple(() =>
        {
            Assert.That(Emulator.GetListMembers(listId), Is.EqualTo(new[] { b }));
            Assert.That(Emulator.GetListMemberships(b), Is.EqualTo(new[] { listId }));
        });
    }

    [Test]
    public async Task An_unknown_profile_is_404_at_its_pointer_and_nothing_is_added()
    {
        string listId = await CreateListAsync("Members");
        string a = await UpsertAsync("""{"email":"a@shop.dev"}""");
        using var response = await PostAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers([a, "01MISSING"]));
        var error = await ErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(PointerOf(error), Is.EqualTo("/data/1/id"));
            Assert.That(Emulator.GetListMembers(listId), Is.Empty);
        });
    }

    [Test]
    public async Task Membership_of_an_unknown_list_is_404()
    {
        string a = await UpsertAsync("""{"email":"a@shop.dev"}""");
        using var response = await PostAsync("api/lists/NoList/relationships/profiles", Payloads.ProfileIdentifiers([a]));
        await ErrorAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase(1000, HttpStatusCode.NoContent)]
    [TestCase(1001, HttpStatusCode.BadRequest)]
    public async Task Up_to_1000_profiles_per_call(int count, HttpStatusCode expected)
    {
        string listId = await CreateListAsync("Big");
        var rows = Enumerable.Range(0, count).Select(i => Payloads.ImportRow($$"""{"external_id":"m{{i}}"}"""));
        using var import = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport(rows));
        await ExpectAsync(import, HttpStatusCode.Accepted);
        var ids = Emulator.Profiles.Select(p => p.Id).ToList();
        Assert.That(ids, Has.Count.EqualTo(count));

        using var response = await PostAsync($"api/lists/{listId}/relationships/profiles", Payloads.ProfileIdentifiers(ids));
        await ExpectAsync(response, expected);
        Assert.That(Emulator.GetListMembers(listId), Has.Count.EqualTo(expected == HttpStatusCode.NoContent ? count : 0));
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data" }));
        }
    }

    [Test]
    public async Task An_empty_relationship_list_is_400()
    {
        string listId = await CreateListAsync("Members");
        using var response = await PostAsync($"api/lists/{listId}/relationships/profiles", """{"data":[]}""");
        await ErrorAsync(response, HttpStatusCode.BadRequest);
    }
}
