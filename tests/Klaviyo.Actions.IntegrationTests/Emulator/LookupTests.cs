using System.Net;
using System.Text.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary><c>GET /api/profiles?filter=...</c>: equals/any on identifiers, page sizes and cursor pagination.</summary>
public sealed class LookupTests : EmulatorTestBase
{
    [Test]
    public async Task Equals_finds_by_email_phone_external_id_and_id()
    {
        string id = await UpsertAsync("""{"email":"find@shop.dev","phone_number":"+15005550006","external_id":"ext-9"}""");
        await UpsertAsync("""{"email":"other@shop.dev"}""");

        foreach (string filter in new[]
                 {
                     "equals(email,\"find@shop.dev\")", "equals(phone_number,\"%2B15005550006\")",
                     "equals(external_id,\"ext-9\")", $"equals(id,\"{id}\")",
                 })
        {
            using var response = await GetAsync("api/profiles?filter=" + filter);
            await ExpectAsync(response, HttpStatusCode.OK);
            var data = (await JsonAsync(response)).GetProperty("data");
            Assert.That(data.EnumerateArray().Select(p => p.GetProperty("id").GetString()), Is.EqualTo(new[] { id }), filter);
        }
    }

    [Test]
    public async Task An_unencoded_plus_reads_as_a_space_and_finds_nothing()
    {
        await UpsertAsync("""{"phone_number":"+15005550006"}""");
        using var response = await GetAsync("api/profiles?filter=equals(phone_number,\"+15005550006\")");
        Assert.That((await JsonAsync(response)).GetProperty("data").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Any_finds_several_and_ignores_unknown_values()
    {
        string a = await UpsertAsync("""{"email":"a@shop.dev"}""");
        string b = await UpsertAsync("""{"email":"b@shop.dev"}""");
        await UpsertAsync("""{"email":"c@shop.dev"}""");

        using var response = await GetAsync("api/profiles?filter=" + Uri.EscapeDataString("any(email,[\"b@shop.dev\", \"a@shop.dev\",\"zz@shop.dev\"])"));
        var ids = (await JsonAsync(response)).GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString());
        Assert.That(ids, Is.EquivalentTo(new[] { a, b }));
    }

    [Test]
    public async Task Pages_follow_links_next_on_the_emulator_base_address()
    {
        var created = new List<string>();
        for (int i = 0; i < 7; i++)
        {
            created.Add(await UpsertAsync($$"""{"email":"p{{i}}@shop.dev"}"""));
        }

        string filter = Uri.EscapeDataString("any(email,[" + string.Join(",", Enumerable.Range(0, 7).Select(i => $"\"p{i}@shop.dev\"")) + "])");
        string? next = $"api/profiles?page[size]=3&filter={filter}";
        var seen = new List<string>();
        int pages = 0;
        while (next is not null)
        {
            using var response = await GetAsync(next);
            await ExpectAsync(response, HttpStatusCode.OK);
            var root = await JsonAsync(response);
            seen.AddRange(root.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            var link = root.GetProperty("links").GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
            if (next is not null)
            {
                Assert.That(next, Does.StartWith(Emulator.BaseAddress.AbsoluteUri + "api/profiles?"));
                Assert.That(next, Does.Contain("page%5Bcursor%5D=").Or.Contain("page[cursor]="));
            }

            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen, Is.EqualTo(created));
        });
    }

    [Test]
    public async Task Default_page_size_is_20()
    {
        for (int i = 0; i < 21; i++)
        {
            await UpsertAsync($$"""{"external_id":"x{{i}}"}""");
        }

        using var response = await GetAsync("api/profiles");
        var root = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("data").GetArrayLength(), Is.EqualTo(20));
            Assert.That(root.GetProperty("links").GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.String));
        });
    }

    [TestCase("page[size]=0")]
    [TestCase("page[size]=101")]
    [TestCase("page[size]=ten")]
    [TestCase("page[cursor]=garbage")]
    [TestCase("filter=contains(email,\"a\")")]
    [TestCase("filter=equals(first_name,\"a\")")]
    [TestCase("filter=equals(email,a@shop.dev)")]
    public async Task Bad_query_is_400_naming_the_parameter(string query)
    {
        using var response = await GetAsync("api/profiles?" + query);
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        string parameter = error.GetProperty("source").GetProperty("parameter").GetString()!;
        Assert.That(query, Does.StartWith(parameter));
    }

    [Test]
    public async Task Page_size_100_is_accepted()
    {
        using var response = await GetAsync("api/profiles?page[size]=100");
        await ExpectAsync(response, HttpStatusCode.OK);
    }
}
