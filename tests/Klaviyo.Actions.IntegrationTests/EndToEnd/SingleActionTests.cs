using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>Every action and destination-level call of the real client against the emulator over loopback.</summary>
public class SingleActionTests : EmulatorFixture
{
    [Test]
    public async Task Upsert_creates_then_updates_and_null_clears_a_field()
    {
        var created = await Client.UpsertProfileAsync(new UpsertProfileRequest
        {
            Email = "jane@shop-demo.test",
            PhoneNumber = "4155552671",
            CountryCode = "US",
            FirstName = "Jane",
            Title = "CTO",
            Location = new ProfileLocation { City = "San Francisco", Zip = "94107" },
            Properties = new Dictionary<string, object?> { ["plan"] = "premium" },
        });
        var updated = await Client.UpsertProfileAsync(new UpsertProfileRequest { Email = "jane@shop-demo.test", Title = null, LastName = "Doe" });

        var profile = Emulator.GetProfile(created.ProfileId)!;
        Assert.Multiple(() =>
        {
            Assert.That(created.Created, Is.True);
            Assert.That(updated.Created, Is.False);
            Assert.That(updated.ProfileId, Is.EqualTo(created.ProfileId));
            Assert.That(profile.PhoneNumber, Is.EqualTo("+14155552671"));
            Assert.That(profile.FirstName, Is.EqualTo("Jane"), "absent attribute left unchanged");
            Assert.That(profile.Title, Is.Null, "null cleared the title");
            Assert.That(profile.LastName, Is.EqualTo("Doe"));
            Assert.That(profile.Location["city"].GetString(), Is.EqualTo("San Francisco"));
            Assert.That(profile.Properties["plan"].GetString(), Is.EqualTo("premium"));
        });
    }

    [Test]
    public async Task Upsert_with_identifiers_on_two_profiles_falls_back_to_updating_the_duplicate_and_adds_to_the_list()
    {
        var list = Emulator.CreateList("VIP");
        var a = await Client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@shop-demo.test" });
        var b = await Client.UpsertProfileAsync(new UpsertProfileRequest { ExternalId = "user-b" });

        var result = await Client.UpsertProfileAsync(new UpsertProfileRequest { Email = "a@shop-demo.test", ExternalId = "user-b", FirstName = "Ann", ListId = list.Id });

        Assert.Multiple(() =>
        {
            Assert.That(result.ResolvedDuplicate, Is.True);
            Assert.That(new[] { a.ProfileId, b.ProfileId }, Does.Contain(result.ProfileId));
            Assert.That(Emulator.GetProfile(result.ProfileId)!.FirstName, Is.EqualTo("Ann"));
            Assert.That(Emulator.GetListMembers(list.Id), Is.EqualTo(new[] { result.ProfileId }));
        });
    }

    [Test]
    public async Task Track_event_is_recorded_once_even_when_sent_twice()
    {
        var request = new TrackEventRequest
        {
            Profile = new EventProfile { Email = "jane@shop-demo.test", ExternalId = "user-1" },
            MetricName = "Product Viewed",
            Properties = new Dictionary<string, object?> { ["sku"] = "SKU-1", ["price"] = 49.99m },
            Time = Time.GetUtcNow().AddMinutes(-5),
        };

        var first = await Client.TrackEventAsync(request);
        var second = await Client.TrackEventAsync(request);

        Assert.That(second.UniqueId, Is.EqualTo(first.UniqueId));
        var events = Emulator.Events;
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].MetricName, Is.EqualTo("Product Viewed"));
        Assert.That(events[0].UniqueId, Is.EqualTo(first.UniqueId));
        Assert.That(events[0].Properties.GetProperty("sku").GetString(), Is.EqualTo("SKU-1"));
    }

    [Test]
    public async Task Order_completed_records_the_order_and_one_event_per_product()
    {
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { Email = "jane@shop-demo.test" },
            Properties = new Dictionary<string, object?> { ["order_id"] = "ord-1", ["currency"] = "USD" },
            Value = 25m,
            Time = Time.GetUtcNow().AddMinutes(-1),
            Products =
            [
                new OrderProduct { ProductId = "p-1", Sku = "SKU-1", Name = "Monopoly", Price = 19m, Quantity = 1 },
                new OrderProduct { ProductId = "p-2", Sku = "SKU-2", Name = "Uno", Price = 3m, Quantity = 2 },
            ],
        };

        var result = await Client.TrackOrderCompletedAsync(order);
        await Client.TrackOrderCompletedAsync(order);

        var events = Emulator.Events;
        Assert.That(events.Count(e => e.MetricName == "Order Completed"), Is.EqualTo(1));
        Assert.That(events.Where(e => e.MetricName == "Ordered Product").Select(e => e.UniqueId), Is.EquivalentTo(result.ProductUniqueIds));
        Assert.That(events.Single(e => e.UniqueId == result.ProductUniqueIds[1]).Properties.GetProperty("name").GetString(), Is.EqualTo("Uno"));
    }

    [Test]
    public async Task Subscribe_then_unsubscribe_changes_consent()
    {
        var list = Emulator.CreateList("Newsletter", "single_opt_in");
        await Client.SubscribeProfileAsync(new SubscribeProfileRequest
        {
            Email = "jane@shop-demo.test",
            PhoneNumber = "+14155552671",
            ListId = list.Id,
            HistoricalImport = true,
            ConsentedAt = Time.GetUtcNow().AddDays(-3),
        });

        var profile = Emulator.FindProfileByEmail("jane@shop-demo.test")!;
        Assert.That(profile.Consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
        Assert.That(profile.Consent.SmsMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Subscribed));
        Assert.That(profile.Consent.EmailMarketing.CustomSource, Is.EqualTo("-59"));

        await Client.UnsubscribeProfileAsync(new UnsubscribeProfileRequest { Email = "jane@shop-demo.test" });

        Assert.That(Emulator.FindProfileByEmail("jane@shop-demo.test")!.Consent.EmailMarketing.Status, Is.EqualTo(EmulatedConsentStatus.Unsubscribed));
    }

    [Test]
    public async Task Add_then_remove_profile_from_list()
    {
        var list = Emulator.CreateList("Engage audience");
        var added = await Client.AddProfileToListAsync(new AddProfileToListRequest { ListId = list.Id, Email = "a+tag@shop-demo.test", FirstName = "Ann" });
        Assert.That(Emulator.GetListMembers(list.Id), Is.EqualTo(added.ProfileIds));

        var removed = await Client.RemoveProfileFromListAsync(new RemoveProfileFromListRequest { ListId = list.Id, Email = "a+tag@shop-demo.test" });

        Assert.That(removed.ProfileIds, Is.EqualTo(added.ProfileIds), "the + in the email survived the filter encoding");
        Assert.That(Emulator.GetListMembers(list.Id), Is.Empty);
        Assert.That(Emulator.GetProfile(added.ProfileIds[0]), Is.Not.Null, "profiles are not deleted");
    }

    [Test]
    public async Task Remove_profile_finds_profiles_across_pages()
    {
        var list = Emulator.CreateList("Big");
        for (int i = 0; i < 3; i++)
        {
            await Client.AddProfileToListAsync(new AddProfileToListRequest { ListId = list.Id, ExternalId = "same-" + i, Email = $"u{i}@shop-demo.test" });
        }

        var result = await Client.RemoveProfileAsync(new RemoveProfileRequest { ListId = list.Id, ExternalId = "same-1", Email = "u2@shop-demo.test" });

        Assert.That(result.ProfileIds, Has.Count.EqualTo(2));
        Assert.That(Emulator.GetListMembers(list.Id), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Account_lists_and_deletion()
    {
        var account = await Client.GetAccountAsync();
        Assert.That(account.Id, Is.EqualTo(Emulator.AccountId));

        var created = await Client.CreateListAsync("Winter Sale");
        var fetched = await Client.GetListAsync(created.Id);
        var found = await Client.FindListsByNameAsync("Winter Sale");
        Assert.That(fetched.Name, Is.EqualTo("Winter Sale"));
        Assert.That(found.Select(l => l.Id), Is.EqualTo(new[] { created.Id }));

        var missing = Assert.ThrowsAsync<KlaviyoApiException>(() => Client.GetListAsync("NOPE12"));
        Assert.That((int)missing!.StatusCode, Is.EqualTo(404));

        await Client.UpsertProfileAsync(new UpsertProfileRequest { Email = "gone@shop-demo.test" });
        await Client.RequestProfileDeletionAsync(new ProfileDeletionRequest { Email = "gone@shop-demo.test" });
        Assert.That(Emulator.FindProfileByEmail("gone@shop-demo.test"), Is.Null);
    }

    [Test]
    public void Wrong_key_surfaces_a_typed_401_without_the_key()
    {
        var client = CreateClient(o => o.ApiKey = "pk_wrong_wrong_wrong_wrong_wrong_12");

        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => client.GetAccountAsync());

        Assert.That((int)ex!.StatusCode, Is.EqualTo(401));
        Assert.That(ex.ToString(), Does.Not.Contain("pk_wrong"));
    }
}
