using System.Net;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Many parallel requests: every write lands, identity resolution stays consistent.</summary>
public sealed class ConcurrencyTests : EmulatorTestBase
{
    [Test]
    public async Task Parallel_upserts_of_distinct_profiles_all_land()
    {
        const int count = 400;
        var statuses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await PostAsync("api/profile-import",
                "{\"data\":{\"type\":\"profile\",\"attributes\":{\"email\":\"c" + i + "@shop.dev\",\"properties\":{\"n\":" + i + "}}}}");
            return response.StatusCode;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Created));
            Assert.That(Emulator.Profiles, Has.Count.EqualTo(count));
            Assert.That(Emulator.Profiles.Select(p => p.Id).Distinct().Count(), Is.EqualTo(count));
            Assert.That(Emulator.FindProfileByEmail("c123@shop.dev")!.Properties["n"].GetInt32(), Is.EqualTo(123));
        });
    }

    [Test]
    public async Task Parallel_upserts_of_one_email_make_one_profile()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            using var response = await PostAsync("api/profile-import", """{"data":{"type":"profile","attributes":{"email":"same@shop.dev"}}}""");
            return response.StatusCode;
        }));

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Profiles, Has.Count.EqualTo(1));
            Assert.That(statuses.Count(status => status == HttpStatusCode.Created), Is.EqualTo(1));
            Assert.That(statuses.Count(status => status == HttpStatusCode.OK), Is.EqualTo(49));
        });
    }

    [Test]
    public async Task Parallel_events_with_distinct_ids_are_all_recorded()
    {
        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            using var response = await PostAsync("api/events", Payloads.Event("Viewed", "{\"email\":\"p" + (i % 7) + "@shop.dev\"}", "id-" + i));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }));

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.Events, Has.Count.EqualTo(300));
            Assert.That(Emulator.Profiles, Has.Count.EqualTo(7));
        });
    }
}
