using System.Net;
using Klaviyo.Actions.Batching;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class BulkClientTests
{
    private BulkHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new BulkHarness { WithJobTracker = false };

    [TearDown]
    public void TearDown() => _h.Dispose();

    [TestCase(10_000, new[] { 10_000 })]
    [TestCase(10_001, new[] { 10_000, 1 })]
    [TestCase(9_999, new[] { 9_999 })]
    public async Task Profile_upserts_split_at_10_000_per_import_job(int count, int[] expected)
    {
        var result = await _h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, count).Select(i => BulkHarness.Profile(i)));
        Assert.Multiple(() =>
        {
            Assert.That(_h.ProfileImport.Requests.Select(r => r.PartCount), Is.EquivalentTo(expected));
            Assert.That(result.AcceptedCount, Is.EqualTo(count));
            Assert.That(result.Items.Select(i => i.Outcome.JobId).Distinct().Count(), Is.EqualTo(expected.Length));
        });
    }

    [TestCase(999, new[] { 999 })]
    [TestCase(1_000, new[] { 1_000 })]
    [TestCase(1_001, new[] { 1_000, 1 })]
    public async Task Events_split_at_1_000_per_bulk_create(int count, int[] expected)
    {
        var result = await _h.CreateClient().TrackEventsAsync(Enumerable.Range(0, count).Select(i => BulkHarness.Event(i)));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EquivalentTo(expected));
            Assert.That(result.AllAccepted, Is.True);
        });
    }

    [TestCase(999, new[] { 999 })]
    [TestCase(1_000, new[] { 1_000 })]
    [TestCase(1_001, new[] { 1_000, 1 })]
    public async Task Subscriptions_split_at_1_000_per_job(int count, int[] expected)
    {
        await _h.CreateClient().SubscribeProfilesAsync(Enumerable.Range(0, count).Select(i => new SubscribeProfileRequest { Email = $"s{i}@shop.test" }));
        Assert.That(_h.Subscribe.Requests.Select(r => r.PartCount), Is.EquivalentTo(expected));
    }

    [TestCase(99, new[] { 99 })]
    [TestCase(100, new[] { 100 })]
    [TestCase(101, new[] { 100, 1 })]
    public async Task Unsubscriptions_split_at_100_per_job(int count, int[] expected)
    {
        await _h.CreateClient().UnsubscribeProfilesAsync(Enumerable.Range(0, count).Select(i => new UnsubscribeProfileRequest { Email = $"s{i}@shop.test" }));
        Assert.That(_h.Unsubscribe.Requests.Select(r => r.PartCount), Is.EquivalentTo(expected));
    }

    [TestCase(999, new[] { 999 })]
    [TestCase(1_000, new[] { 1_000 })]
    [TestCase(1_001, new[] { 1_000, 1 })]
    public async Task List_removals_split_at_1_000_ids_per_request(int count, int[] expected)
    {
        for (int i = 0; i < count; i++)
        {
            _h.Lookup.IdsByIdentifier["u" + i] = ["P" + i];
        }

        var result = await _h.CreateClient().RemoveProfilesFromListAsync(Enumerable.Range(0, count).Select(i => new RemoveProfileFromListRequest { ListId = "L1", ExternalId = "u" + i }));
        Assert.Multiple(() =>
        {
            Assert.That(_h.ListRemove.Requests.Select(r => r.PartCount), Is.EquivalentTo(expected));
            Assert.That(_h.Lookup.Calls, Is.EqualTo(1), "one look-up call for the whole batch (the adapter pages)");
            Assert.That(result.Items.Select(i => i.Outcome.ProfileIds.Single()), Is.EqualTo(Enumerable.Range(0, count).Select(i => "P" + i)));
        });
    }

    [Test]
    public async Task Request_bytes_decide_the_split_at_exactly_5_000_000()
    {
        // envelope 200 + 49 profiles of 99,995 bytes + 49 commas + a last profile sized to land on 5,000,000.
        int fill = 99_995;
        int exactLast = KlaviyoBulkLimits.MaxRequestBytes - 200 - 49 - (49 * fill);
        async Task<int> RequestsFor(int last)
        {
            var harness = new BulkHarness { WithJobTracker = false };
            var custom = new FakeBulkEndpoint<UpsertProfileRequest>(p => new BulkPartMeasure(int.Parse(p.ExternalId!)), envelopeBytes: 200);
            var bulk = new KlaviyoBulkClient(
                new KlaviyoBulkEndpoints
                {
                    ProfileImport = custom, EventCreate = harness.Events, Subscribe = harness.Subscribe, Unsubscribe = harness.Unsubscribe,
                    ListRemove = harness.ListRemove, ProfileLookup = harness.Lookup,
                },
                timeProvider: harness.Clock);
            var profiles = Enumerable.Range(0, 50).Select(i => new UpsertProfileRequest { ExternalId = (i == 49 ? last : fill).ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var result = await bulk.UpsertProfilesAsync(profiles);
            Assert.That(result.AllAccepted, Is.True);
            harness.Dispose();
            return custom.Requests.Count;
        }

        Assert.That(exactLast, Is.LessThanOrEqualTo(100_000), "setup: the last profile stays under the per-profile limit");
        int under = await RequestsFor(exactLast - 1), exact = await RequestsFor(exactLast), over = await RequestsFor(exactLast + 1);
        Assert.That((under, exact, over), Is.EqualTo((1, 1, 2)), "one byte under, exactly at and one byte over 5,000,000");
    }

    [Test]
    public async Task Oversized_profile_is_invalid_and_never_sent_while_the_rest_go()
    {
        var endpoint = new FakeBulkEndpoint<UpsertProfileRequest>(p => new BulkPartMeasure(p.ExternalId == "big" ? 100_001 : p.ExternalId == "edge" ? 100_000 : 500));
        var bulk = new KlaviyoBulkClient(
            new KlaviyoBulkEndpoints
            {
                ProfileImport = endpoint, EventCreate = _h.Events, Subscribe = _h.Subscribe, Unsubscribe = _h.Unsubscribe,
                ListRemove = _h.ListRemove, ProfileLookup = _h.Lookup,
            },
            timeProvider: _h.Clock);

        var result = await bulk.UpsertProfilesAsync([new() { ExternalId = "a" }, new() { ExternalId = "big" }, new() { ExternalId = "edge" }]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Invalid, KlaviyoItemStatus.Accepted }));
            Assert.That(result.Items[1].Outcome.ValidationErrors.Single().Rule, Is.EqualTo("max_payload_size"));
            Assert.That(result.Items[1].Outcome.ValidationErrors.Single().Message, Does.Contain("100,001").And.Contain("100,000"));
            Assert.That(endpoint.Requests.Single().Parts.Select(p => p.ExternalId), Is.EqualTo(new[] { "a", "edge" }));
        });
    }

    [Test]
    public async Task Profiles_are_grouped_by_list_with_one_job_per_list_and_no_cap_on_groups()
    {
        var requests = Enumerable.Range(0, 60).Select(i => BulkHarness.Profile(i, i % 3 == 0 ? null : "L" + (i % 20))).ToList();
        var result = await _h.CreateClient().UpsertProfilesAsync(requests);
        var byList = _h.ProfileImport.Requests.ToDictionary(r => r.Key.ListId ?? "-", r => r.Parts.Select(p => p.ExternalId).ToList());
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(_h.ProfileImport.Requests, Has.Count.EqualTo(byList.Count));
            Assert.That(byList.Keys, Has.Count.EqualTo(1 + requests.Where(r => r.ListId is not null).Select(r => r.ListId).Distinct().Count()));
            foreach (var (list, ids) in byList)
            {
                Assert.That(ids, Is.EqualTo(requests.Where(r => (r.ListId ?? "-") == list).Select(r => r.ExternalId)), "list " + list);
            }
        });
    }

    [Test]
    public async Task Add_profile_to_list_goes_through_import_with_the_list_relationship()
    {
        var result = await _h.CreateClient().AddProfilesToListAsync([
            new AddProfileToListRequest { ListId = "LA", Email = "a@shop.test", FirstName = "Ann" },
            new AddProfileToListRequest { ListId = "LB", Email = "b@shop.test" },
            new AddProfileToListRequest { ListId = "LA", Email = "c@shop.test" },
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(_h.ProfileImport.Requests.Select(r => (r.Key.ListId, string.Join(",", r.Parts.Select(p => p.Email)))),
                Is.EquivalentTo(new[] { ("LA", "a@shop.test,c@shop.test"), ((string?)"LB", "b@shop.test") }));
            Assert.That(_h.ProfileImport.Requests.SelectMany(r => r.Parts).Single(p => p.Email == "a@shop.test").FirstName.Value, Is.EqualTo("Ann"));
            Assert.That(_h.Lookup.Calls, Is.Zero);
        });
    }

    [Test]
    public async Task Subscriptions_are_grouped_by_list_source_and_historical_flag()
    {
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        SubscribeProfileRequest S(int i, string? list, string source, bool historical) =>
            new() { Email = $"s{i}@shop.test", ListId = list, CustomSource = source, HistoricalImport = historical, ConsentedAt = historical ? at : null };

        await _h.CreateClient().SubscribeProfilesAsync([
            S(0, "L1", "Footer", false), S(1, "L1", "Footer", true), S(2, "L1", "Checkout", false),
            S(3, null, "Footer", false), S(4, "L1", "Footer", false), S(5, "L1F", "ooter", false),
        ]);
        var groups = _h.Subscribe.Requests.Select(r => (r.Key.ListId, r.Key.CustomSource, r.Key.HistoricalImport, Emails: string.Join(",", r.Parts.Select(p => p.Email)))).ToList();
        Assert.That(groups, Is.EquivalentTo(new[]
        {
            ((string?)"L1", (string?)"Footer", false, "s0@shop.test,s4@shop.test"),
            ("L1", "Footer", true, "s1@shop.test"),
            ("L1", "Checkout", false, "s2@shop.test"),
            (null, "Footer", false, "s3@shop.test"),
            ("L1F", "ooter", false, "s5@shop.test"),
        }));
    }

    [Test]
    public async Task Unsubscriptions_and_removals_are_grouped_by_list()
    {
        _h.Lookup.IdsByIdentifier["a@shop.test"] = ["PA"];
        _h.Lookup.IdsByIdentifier["b@shop.test"] = ["PB"];
        var client = _h.CreateClient();
        await client.UnsubscribeProfilesAsync([new() { Email = "a@shop.test", ListId = "L1" }, new() { Email = "b@shop.test" }, new() { Email = "c@shop.test", ListId = "L1" }]);
        await client.RemoveProfilesAsync([new() { Email = "a@shop.test", ListId = "L1" }, new() { Email = "b@shop.test", ListId = "L2" }]);
        Assert.Multiple(() =>
        {
            Assert.That(_h.Unsubscribe.Requests.Select(r => (r.Key.ListId, r.PartCount)), Is.EquivalentTo(new[] { ((string?)"L1", 2), (null, 1) }));
            Assert.That(_h.ListRemove.Requests.Select(r => (r.Key.ListId, r.Parts.Single())), Is.EquivalentTo(new[] { ((string?)"L1", "PA"), ("L2", "PB") }));
        });
    }

    [Test]
    public async Task Outcomes_follow_input_order_across_requests_and_endpoints()
    {
        // Mixed items: events every third, profiles otherwise; the second event request fails with a 500.
        var items = new List<KlaviyoBatchItem>();
        for (int i = 0; i < 3_300; i++)
        {
            items.Add(i % 3 == 0 ? BulkHarness.Event(i) : BulkHarness.Profile(i));
        }

        _h.Events.Responder = (r, _) => r.Number == 2
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.InternalServerError))
            : Task.FromResult(BulkChunkResponse.Accepted);

        var result = await _h.CreateClient().SendAsync(items);
        var secondRequestIds = _h.Events.Requests.Single(r => r.Number == 2).Parts.Select(p => p.UniqueId).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Index), Is.EqualTo(Enumerable.Range(0, items.Count)));
            Assert.That(result.Items.Select(i => i.Request), Is.EqualTo(items));
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { 1_000, 100 }).Or.EqualTo(new[] { 100, 1_000 }));
            for (int i = 0; i < items.Count; i++)
            {
                var outcome = result.Items[i].Outcome;
                bool failedEvent = items[i].Request is TrackEventRequest e && secondRequestIds.Contains(e.UniqueId);
                Assert.That(outcome.Status, Is.EqualTo(failedEvent ? KlaviyoItemStatus.Failed : KlaviyoItemStatus.Accepted), "item " + i);
                Assert.That(outcome.Action, Is.EqualTo(i % 3 == 0 ? "trackEvent" : "upsertProfile"));
            }

            Assert.That(result.FailedCount, Is.EqualTo(secondRequestIds.Count));
        });
    }

    [Test]
    public async Task An_invalid_item_in_the_middle_fails_alone_and_is_never_sent()
    {
        _h.Validator = new FakeValidator(item => item.Request is UpsertProfileRequest { ExternalId: "u5" });
        var result = await _h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 10).Select(i => BulkHarness.Profile(i)));
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[5].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Invalid));
            Assert.That(result.Items[5].Outcome.ValidationErrors.Single().Field, Is.EqualTo("email"));
            Assert.That(result.Items.Where(i => i.Index != 5).Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_h.ProfileImport.Requests.Single().Parts.Select(p => p.ExternalId).ToList(), Does.Not.Contain("u5").And.Count.EqualTo(9));
            Assert.That(result.InvalidCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Rows_Klaviyo_points_at_are_rejected_and_the_rest_resent_once()
    {
        _h.ProfileImport.Responder = (r, _) => r.Number == 1
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(
                HttpStatusCode.BadRequest,
                BulkHarness.RowError("/data/attributes/profiles/data/1/attributes/email", "Invalid email address"),
                BulkHarness.RowError("/data/attributes/profiles/data/3/attributes/phone_number", "Phone number is valid but is not in a supported region for this account.")))
            : Task.FromResult(new BulkChunkResponse("job-" + r.Number));

        var result = await _h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 5).Select(i => BulkHarness.Profile(i)));
        var requests = _h.ProfileImport.Requests;
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.EqualTo(2));
            Assert.That(requests[1].Parts.Select(p => p.ExternalId), Is.EqualTo(new[] { "u0", "u2", "u4" }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted,
            }));
            Assert.That(result.Items[1].Outcome.Error!.Detail, Is.EqualTo("Invalid email address"));
            Assert.That(result.Items[3].Outcome.Error!.SourcePointer, Does.EndWith("/3/attributes/phone_number"));
            Assert.That(result.Items[3].Outcome.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(result.Items[0].Outcome.JobId, Is.EqualTo("job-2"), "accepted rows carry the job of the resend");
        });
    }

    [Test]
    public async Task A_second_refusal_rejects_its_rows_and_fails_the_rest_without_a_third_request()
    {
        _h.ProfileImport.Responder = (r, _) => Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(
            HttpStatusCode.BadRequest,
            BulkHarness.RowError("/data/attributes/profiles/data/0/attributes/email")));

        var result = await _h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 4).Select(i => BulkHarness.Profile(i)));
        Assert.Multiple(() =>
        {
            Assert.That(_h.ProfileImport.Requests, Has.Count.EqualTo(2));
            Assert.That(_h.ProfileImport.Requests[1].Parts.Select(p => p.ExternalId), Is.EqualTo(new[] { "u1", "u2", "u3" }));
            // Row 0 of the resend is u1.
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Failed, KlaviyoItemStatus.Failed,
            }));
            Assert.That(result.Items[2].Outcome.Reason, Does.Contain("not resent a second time"));
        });
    }

    [Test]
    public async Task Event_rows_merge_per_profile_and_a_nested_pointer_rejects_only_that_event()
    {
        // Two events of u1 share row 1; Klaviyo points at the second event of row 1.
        var events = new[] { BulkHarness.Event(0, "u0"), BulkHarness.Event(1, "u1"), BulkHarness.Event(2, "u2"), BulkHarness.Event(3, "u1") };
        _h.Events.Responder = (r, _) => r.Number == 1
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(
                HttpStatusCode.BadRequest,
                BulkHarness.RowError("/data/attributes/events-bulk-create/data/1/attributes/events/data/1/attributes/time", "time is too far in the future")))
            : Task.FromResult(BulkChunkResponse.Accepted);

        var result = await _h.CreateClient().TrackEventsAsync(events);
        var first = _h.Events.Requests[0];
        var resend = _h.Events.Requests[1];
        Assert.Multiple(() =>
        {
            Assert.That(first.Rows.Select(r => r.Select(e => e.UniqueId)), Is.EqualTo(new[] { new[] { "e0" }, new[] { "e1", "e3" }, new[] { "e2" } }));
            Assert.That(resend.Rows.Select(r => r.Select(e => e.UniqueId)), Is.EqualTo(new[] { new[] { "e0" }, new[] { "e1" }, new[] { "e2" } }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected,
            }));
        });
    }

    [Test]
    public async Task A_pointer_at_an_event_entry_rejects_every_event_of_that_profile()
    {
        var events = new[] { BulkHarness.Event(0, "u0"), BulkHarness.Event(1, "u1"), BulkHarness.Event(2, "u1") };
        _h.Events.Responder = (r, _) => r.Number == 1
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.BadRequest, BulkHarness.RowError("/data/attributes/events-bulk-create/data/1/attributes/profile", "Invalid profile")))
            : Task.FromResult(BulkChunkResponse.Accepted);

        var result = await _h.CreateClient().TrackEventsAsync(events);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Rejected }));
            Assert.That(_h.Events.Requests[1].Parts.Select(e => e.UniqueId), Is.EqualTo(new[] { "e0" }));
        });
    }

    [Test]
    public async Task Subscription_pointers_without_a_field_reject_the_row()
    {
        _h.Subscribe.Responder = (r, _) => r.Number == 1
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.BadRequest, BulkHarness.RowError("/data/attributes/profiles/data/2", "'phone_number' must not be empty when the sms channel is included in 'subscriptions'.")))
            : Task.FromResult(BulkChunkResponse.Accepted);
        var result = await _h.CreateClient().SubscribeProfilesAsync(Enumerable.Range(0, 4).Select(i => new SubscribeProfileRequest { Email = $"s{i}@shop.test" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted }));
            Assert.That(_h.Subscribe.Requests[1].PartCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_request_level_400_rejects_the_whole_request_without_a_resend()
    {
        _h.Subscribe.Responder = (_, _) => Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(
            HttpStatusCode.BadRequest, BulkHarness.RowError("/data/relationships/list/data/id", "List not found with id XYZ")));
        var result = await _h.CreateClient().SubscribeProfilesAsync(Enumerable.Range(0, 3).Select(i => new SubscribeProfileRequest { Email = $"s{i}@shop.test", ListId = "XYZ" }));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Subscribe.Requests, Has.Count.EqualTo(1));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Rejected));
            Assert.That(result.Items[0].Outcome.Reason, Is.EqualTo("List not found with id XYZ"));
        });
    }

    [Test]
    public async Task A_row_pointer_next_to_a_request_level_error_gets_its_own_error_and_nothing_is_resent()
    {
        _h.ProfileImport.Responder = (_, _) => Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(
            HttpStatusCode.BadRequest,
            BulkHarness.RowError("/data/attributes/profiles/data/1/attributes/email", "bad email"),
            BulkHarness.RowError("/data", "List ID abc does not exist.")));
        var result = await _h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 3).Select(i => BulkHarness.Profile(i, "abc")));
        Assert.Multiple(() =>
        {
            Assert.That(_h.ProfileImport.Requests, Has.Count.EqualTo(1));
            Assert.That(result.Items.Select(i => i.Outcome.Reason), Is.EqualTo(new[] { "List ID abc does not exist.", "bad email", "List ID abc does not exist." }));
            Assert.That(result.RejectedCount, Is.EqualTo(3));
        });
    }

    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.Unauthorized)]
    public async Task A_429_on_one_request_fails_only_its_items_while_the_others_succeed(HttpStatusCode status)
    {
        _h.Unsubscribe.Responder = (r, _) => r.Parts.Any(p => p.Email == "s150@shop.test")
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(status, new KlaviyoError { Status = (int)status, Code = "throttled", Detail = "Request was throttled." }))
            : Task.FromResult(BulkChunkResponse.Accepted);

        var result = await _h.CreateClient().UnsubscribeProfilesAsync(Enumerable.Range(0, 300).Select(i => new UnsubscribeProfileRequest { Email = $"s{i}@shop.test" }));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Unsubscribe.Requests, Has.Count.EqualTo(3));
            Assert.That(result.Items.Take(100).Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items.Skip(100).Take(100).Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(result.Items.Skip(200).Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[150].Outcome.StatusCode, Is.EqualTo(status));
            Assert.That(result.Items[150].Outcome.ExceptionSummary, Does.StartWith(nameof(KlaviyoApiException)));
        });
    }

    [Test]
    public async Task A_transport_failure_fails_its_items_with_the_exception_summary()
    {
        _h.Events.Responder = (_, _) => Task.FromException<BulkChunkResponse>(new HttpRequestException("Connection refused"));
        var result = await _h.CreateClient().TrackEventsAsync([BulkHarness.Event(0)]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(result.Items[0].Outcome.ExceptionSummary, Is.EqualTo("HttpRequestException: Connection refused"));
            Assert.That(result.Items[0].Outcome.StatusCode, Is.Null);
        });
    }

    [Test]
    public void A_cancelled_bulk_call_throws()
    {
        using var cts = new CancellationTokenSource();
        _h.Events.Responder = async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return BulkChunkResponse.Accepted;
        };
        Assert.ThrowsAsync<OperationCanceledException>(() => _h.CreateClient().TrackEventsAsync([BulkHarness.Event(0)], cancellationToken: cts.Token));
    }

    [Test]
    public async Task Order_completed_becomes_the_order_event_plus_product_events_of_one_profile()
    {
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { ExternalId = "buyer" },
            UniqueId = "order-1",
            Value = 25m,
            Properties = new Dictionary<string, object?> { ["order_id"] = "o1", ["products"] = "…", ["name"] = "Order" },
            Products = [new OrderProduct { ProductId = "p1", Name = "Monopoly", Price = 19m }, new OrderProduct { ProductId = "p2", Name = "Uno", Price = 3m }],
        };
        var result = await _h.CreateClient().TrackOrdersCompletedAsync([order]);
        var row = _h.Events.Requests.Single().Rows.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(row.Select(e => e.MetricName), Is.EqualTo(new[] { "Order Completed", "Ordered Product", "Ordered Product" }));
            Assert.That(row.Select(e => e.UniqueId), Is.EqualTo(new[] { "order-1", "order-1:p1", "order-1:p2" }));
            Assert.That(row[0].Value, Is.EqualTo(25m));
            Assert.That(row[1].Value, Is.Null);
            Assert.That(row[1].Properties!["name"], Is.EqualTo("Monopoly"));
            Assert.That(row[1].Properties!["order_id"], Is.EqualTo("o1"));
            Assert.That(row[1].Properties!.ContainsKey("products"), Is.False);
        });
    }

    [Test]
    public async Task An_order_with_a_rejected_product_event_is_rejected_as_a_whole_and_names_its_events()
    {
        var order = new OrderCompletedRequest
        {
            Profile = new EventProfile { ExternalId = "buyer" },
            UniqueId = "order-1",
            Products = [new OrderProduct { ProductId = "p1" }, new OrderProduct { ProductId = "p2" }],
        };
        _h.Events.Responder = (r, _) => r.Number == 1
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.BadRequest, BulkHarness.RowError("/data/attributes/events-bulk-create/data/1/attributes/events/data/2/attributes/properties", "too many properties")))
            : Task.FromResult(BulkChunkResponse.Accepted);
        var result = await _h.CreateClient().SendAsync([BulkHarness.Event(0, "other"), order]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[1].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Rejected));
            Assert.That(result.Items[1].Outcome.Reason, Is.EqualTo("too many properties"));
            Assert.That(_h.Events.Requests[1].Parts.Select(e => e.UniqueId), Is.EqualTo(new[] { "e0", "order-1", "order-1:p1" }));
            Assert.That(
                result.Items[1].Outcome.Parts.Select(p => (p.Name, p.Outcome.Status)),
                Is.EqualTo(new[]
                {
                    ("order event", KlaviyoItemStatus.Accepted),
                    ("Ordered Product 1 of 2 (product_id p1)", KlaviyoItemStatus.Accepted),
                    ("Ordered Product 2 of 2 (product_id p2)", KlaviyoItemStatus.Rejected),
                }),
                "the order's outcome names the event Klaviyo refused and the ones it kept");
            Assert.That(result.Items[0].Outcome.Parts, Is.Empty);
        });
    }

    [Test]
    public async Task Events_with_a_repeated_unique_id_for_a_profile_go_in_separate_requests()
    {
        var result = await _h.CreateClient().TrackEventsAsync([BulkHarness.Event(0, "u1", "dup"), BulkHarness.Event(1, "u2"), BulkHarness.Event(2, "u1", "dup")]);
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(_h.Events.Requests.Select(r => r.PartCount), Is.EquivalentTo(new[] { 2, 1 }));
        });
    }

    [Test]
    public async Task Removals_resolve_ids_dedupe_them_and_report_no_match_honestly()
    {
        _h.Lookup.IdsByIdentifier["a@shop.test"] = ["P1"];
        _h.Lookup.IdsByIdentifier["u-a"] = ["P1", "P2"];
        _h.Lookup.IdsByIdentifier["b@shop.test"] = ["P2"];
        var result = await _h.CreateClient().RemoveProfilesFromListAsync([
            new() { ListId = "L", Email = "a@shop.test", ExternalId = "u-a" },
            new() { ListId = "L", Email = "b@shop.test" },
            new() { ListId = "L", Email = "nobody@shop.test" },
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(_h.ListRemove.Requests.Single().Rows.Select(r => r[0]), Is.EqualTo(new[] { "P1", "P2" }));
            Assert.That(result.Items[0].Outcome.ProfileIds, Is.EqualTo(new[] { "P2", "P1" }).Or.EqualTo(new[] { "P1", "P2" }));
            Assert.That(result.Items[1].Outcome.ProfileIds, Is.EqualTo(new[] { "P2" }));
            Assert.That(result.Items[2].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[2].Outcome.ProfileIds, Is.Empty);
            Assert.That(result.Items[2].Outcome.Reason, Does.Contain("no Klaviyo profile matched"));
        });
    }

    [Test]
    public async Task A_failed_look_up_fails_only_the_removals()
    {
        _h.Lookup.Fault = _ => BulkHarness.Refusal(HttpStatusCode.ServiceUnavailable);
        var result = await _h.CreateClient().SendAsync([
            new RemoveProfileRequest { ListId = "L", Email = "a@shop.test" },
            BulkHarness.Profile(1),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(result.Items[0].Outcome.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(result.Items[1].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_h.ListRemove.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Telemetry_counts_items_by_action_and_outcome_and_records_request_sizes()
    {
        using var items = new MetricCollector<long>(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.ItemsInstrument);
        using var sizes = new MetricCollector<int>(_h.MeterFactory, KlaviyoDiagnostics.MeterName, BatchingTelemetry.BatchSizeInstrument);
        _h.Validator = new FakeValidator(item => item.Request is TrackEventRequest { UniqueId: "e1" });
        await _h.CreateClient().SendAsync([BulkHarness.Event(0), BulkHarness.Event(1), BulkHarness.Profile(2), BulkHarness.Event(3)]);
        var counted = items.GetMeasurementSnapshot()
            .GroupBy(m => ((string)m.Tags[BatchingTelemetry.ActionTag]!, (string)m.Tags[BatchingTelemetry.OutcomeTag]!))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EquivalentTo(new Dictionary<(string, string), long>
            {
                [("trackEvent", "accepted")] = 2,
                [("trackEvent", "invalid")] = 1,
                [("upsertProfile", "accepted")] = 1,
            }));
            Assert.That(sizes.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BatchingTelemetry.OperationTag]!, m.Value)),
                Is.EquivalentTo(new[] { ("bulk_create_events", 2), ("bulk_import_profiles", 1) }));
        });
    }
}
