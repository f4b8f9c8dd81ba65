using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class BulkEdgeCaseTests
{
    private BulkHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new BulkHarness { WithJobTracker = false };

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task A_413_halves_the_request_instead_of_blaming_its_items()
    {
        _h.Subscribe.Responder = (r, _) => r.PartCount > 2
            ? Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.RequestEntityTooLarge))
            : Task.FromResult(BulkChunkResponse.Accepted);
        var result = await _h.CreateClient().SubscribeProfilesAsync(Enumerable.Range(0, 5).Select(i => new SubscribeProfileRequest { Email = $"s{i}@shop.test" }));
        Assert.Multiple(() =>
        {
            Assert.That(result.AllAccepted, Is.True);
            Assert.That(_h.Subscribe.Requests.Select(r => r.PartCount), Is.EqualTo(new[] { 5, 2, 3, 1, 2 }));
            Assert.That(_h.Subscribe.Requests.Where(r => r.PartCount <= 2).SelectMany(r => r.Parts).Select(p => p.Email),
                Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"s{i}@shop.test")), "halves keep the input order");
        });
    }

    [Test]
    public async Task A_single_row_answered_413_is_rejected()
    {
        _h.Subscribe.Responder = (_, _) => Task.FromException<BulkChunkResponse>(BulkHarness.Refusal(HttpStatusCode.RequestEntityTooLarge));
        var result = await _h.CreateClient().SubscribeProfilesAsync([new SubscribeProfileRequest { Email = "s@shop.test" }]);
        Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Rejected));
    }

    [Test]
    public async Task An_empty_call_sends_nothing()
    {
        var result = await _h.CreateClient().SendAsync([]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Count, Is.Zero);
            Assert.That(_h.Events.Requests, Is.Empty);
            Assert.That(_h.Lookup.Calls, Is.Zero);
        });
    }

    [Test]
    public void A_null_item_names_its_position()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _h.CreateClient().SendAsync([BulkHarness.Event(0), null!]));
        Assert.That(error!.Message, Does.Contain("Item 1"));
    }

    [Test]
    public void Options_that_cannot_work_are_refused_by_name()
    {
        _h.Options.MaxBatchItems = 0;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _h.CreateClient());
        Assert.That(error!.ParamName, Is.EqualTo("KlaviyoBatchingOptions.MaxBatchItems"));
    }

    [Test]
    public void A_failing_validator_fails_the_item_instead_of_the_call()
    {
        var engine = _h.CreateClient().Engine;
        var prepared = new KlaviyoBulkClient(
            new KlaviyoBulkEndpoints
            {
                ProfileImport = _h.ProfileImport, EventCreate = _h.Events, Subscribe = _h.Subscribe, Unsubscribe = _h.Unsubscribe,
                ListRemove = _h.ListRemove, ProfileLookup = _h.Lookup,
            },
            timeProvider: _h.Clock,
            validator: new ThrowingValidator()).Engine.Prepare(BulkHarness.Event(0));
        Assert.Multiple(() =>
        {
            Assert.That(prepared.FinalOutcome!.Status, Is.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(prepared.FinalOutcome.ExceptionSummary, Is.EqualTo("InvalidOperationException: boom"));
            Assert.That(engine.Prepare(BulkHarness.Event(0)).FinalOutcome, Is.Null);
        });
    }

    [Test]
    public void Batch_items_wrap_every_action_and_name_it_as_Segment_does()
    {
        KlaviyoBatchItem[] items =
        [
            new UpsertProfileRequest { Email = "a@shop.test" },
            new TrackEventRequest { Profile = new EventProfile { Email = "a@shop.test" }, MetricName = "M" },
            new OrderCompletedRequest { Profile = new EventProfile { Email = "a@shop.test" } },
            new SubscribeProfileRequest { Email = "a@shop.test" },
            new UnsubscribeProfileRequest { Email = "a@shop.test" },
            new AddProfileToListRequest { ListId = "L", Email = "a@shop.test" },
            new RemoveProfileFromListRequest { ListId = "L", Email = "a@shop.test" },
            new RemoveProfileRequest { ListId = "L", Email = "a@shop.test" },
        ];
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.ActionName), Is.EqualTo(new[]
            {
                "upsertProfile", "trackEvent", "orderCompleted", "subscribeProfile", "unsubscribeProfile", "addProfileToList", "removeProfileFromList", "removeProfile",
            }));
            Assert.That(items.Select(i => KlaviyoBatchItem.FromRequest(i.Request).Action), Is.EqualTo(items.Select(i => i.Action)));
            Assert.That(items.Select(i => i.ToString()), Has.None.Contains("a@shop.test"), "personal data is masked");
            Assert.Throws<ArgumentException>(() => KlaviyoBatchItem.FromRequest("not a request"));
        });
    }

    [Test]
    public void Outcomes_describe_themselves_without_error_details()
    {
        var outcome = KlaviyoItemOutcome.Rejected("upsertProfile", BulkHarness.RowError("/data/attributes/profiles/data/0/attributes/email", "jane@shop.test is invalid"), HttpStatusCode.BadRequest);
        Assert.That(outcome.ToString(), Is.EqualTo("upsertProfile Rejected (400) code=invalid"));
    }

    [Test]
    public void The_json_byte_counter_matches_the_serialized_length()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Default) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var typeInfo = (JsonTypeInfo<Dictionary<string, object?>>)options.GetTypeInfo(typeof(Dictionary<string, object?>));
        var small = new Dictionary<string, object?> { ["email"] = "a@shop.test", ["name"] = "Zoë" };
        var large = new Dictionary<string, object?> { ["blob"] = new string('x', 200_000), ["n"] = 12.5 };
        Assert.Multiple(() =>
        {
            Assert.That(JsonByteCounter.Measure(small, typeInfo), Is.EqualTo(JsonSerializer.SerializeToUtf8Bytes(small, typeInfo).Length));
            Assert.That(JsonByteCounter.Measure(large, typeInfo), Is.EqualTo(JsonSerializer.SerializeToUtf8Bytes(large, typeInfo).Length));
            Assert.That(JsonByteCounter.Measure(small, typeInfo), Is.EqualTo(JsonSerializer.SerializeToUtf8Bytes(small, typeInfo).Length), "reused writer starts from zero");
            Assert.That(JsonByteCounter.Measure(w => { w.WriteStartArray(); w.WriteEndArray(); }), Is.EqualTo(2));
        });
    }

    private sealed class ThrowingValidator : IBatchItemValidator
    {
        public BatchItemValidation Validate(KlaviyoBatchItem item, TimeProvider timeProvider) => throw new InvalidOperationException("boom");
    }
}
