using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Routing events to mappings and reporting per event, per mapping: sent, skipped, invalid, failed.</summary>
public class DestinationRoutingTests
{
    private static KlaviyoDestination Destination(RecordingKlaviyoClient client, KlaviyoDestinationOptions? options, params MappingDefinition[] mappings) =>
        new(new DestinationConfiguration(new DestinationSettings(), mappings), client, options);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Test]
    public async Task One_event_gets_one_outcome_per_mapping_in_order()
    {
        var client = new RecordingKlaviyoClient();
        var destination = Destination(
            client,
            null,
            MappingDefinition.ForEvents("upsertProfile", "Profiles"),
            MappingDefinition.ForEvents("trackEvent", "Tracks"),
            MappingDefinition.ForEvents("upsertProfile", "Off", enabled: false));

        var result = await destination.SendAsync(SegmentEvent.Parse(TestEvents.JaneIdentify));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True);
            Assert.That(result.MessageId, Is.EqualTo("msg-identify-1"));
            Assert.That(result.Type, Is.EqualTo(SegmentEventType.Identify));
            Assert.That(result.Outcomes.Select(o => (o.MappingName, o.Kind)), Is.EqualTo(new[]
            {
                ("Profiles", MappingOutcomeKind.Sent), ("Tracks", MappingOutcomeKind.Skipped), ("Off", MappingOutcomeKind.Skipped),
            }));
            Assert.That(((SkippedOutcome)result.Outcomes[1]).Reason, Is.EqualTo(SkipReason.TriggerNotMatched));
            Assert.That(((SkippedOutcome)result.Outcomes[2]).Reason, Is.EqualTo(SkipReason.Disabled));
            var sent = (SentOutcome)result.Outcomes[0];
            Assert.That(sent.Results.Single().Action, Is.EqualTo("upsertProfile"));
            Assert.That(sent.Results.Single().Value, Is.EqualTo(new UpsertProfileResult("PROFILE_1", true, false, "LIST_A")));
            Assert.That(client.Sent, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_required_field_missing_is_invalid_and_nothing_is_sent()
    {
        var client = new RecordingKlaviyoClient();
        var destination = Destination(client, null, MappingDefinition.ForEvents("removeProfile"));

        var result = await destination.SendAsync(SegmentEvent.Parse(TestEvents.JaneIdentify));

        var invalid = (InvalidOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(invalid.Errors, Is.EqualTo(new[] { new KlaviyoValidationError("list_id", "required", "The root value is missing the required field 'list_id'.") }));
            Assert.That(result.Succeeded, Is.False);
            Assert.That(client.Sent, Is.Empty);
        });
    }

    [Test]
    public async Task An_unknown_directive_is_invalid_naming_it()
    {
        var client = new RecordingKlaviyoClient();
        var mapping = MappingDefinition.ForEvents("upsertProfile", mapping: Json("""{"email":{"@pathh":"$.traits.email"}}"""));
        var destination = Destination(client, null, mapping);

        var result = await destination.SendAsync(SegmentEvent.Parse(TestEvents.JaneIdentify));

        var error = ((InvalidOutcome)result.Outcomes.Single()).Errors.Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.Field, Is.EqualTo("email"));
            Assert.That(error.Rule, Is.EqualTo("mapping_directive"));
            Assert.That(error.Message, Does.Contain("@pathh is not a valid directive"));
            Assert.That(client.Sent, Is.Empty);
        });
    }

    [Test]
    public async Task A_klaviyo_error_is_a_failed_outcome_without_personal_data()
    {
        var client = new RecordingKlaviyoClient { FailWhen = _ => RecordingKlaviyoClient.ApiError(HttpStatusCode.TooManyRequests, "throttled") };
        var destination = Destination(client, null, MappingDefinition.ForEvents("trackEvent"));

        var result = await destination.SendAsync(SegmentEvent.Parse(TestEvents.ProductViewed));

        var failed = (FailedOutcome)result.Outcomes.Single();
        Assert.Multiple(() =>
        {
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(failed.IsTransient, Is.True);
            Assert.That(result.IsRetryable, Is.True);
            Assert.That(failed.Message, Is.EqualTo("Klaviyo answered 429 (throttled) after retries"));
            Assert.That(failed.ToString() + result, Does.Not.Contain("jane@example.com"));
            Assert.That(failed.ItemOutcome!.Error!.Code, Is.EqualTo("throttled"));
        });
    }

    [Test]
    public async Task Any_other_exception_is_failed_and_names_only_its_type()
    {
        var client = new RecordingKlaviyoClient { FailWhen = _ => new InvalidOperationException("boom for jane@example.com") };
        var destination = Destination(client, null, MappingDefinition.ForEvents("trackEvent"));

        var failed = (FailedOutcome)(await destination.SendAsync(SegmentEvent.Parse(TestEvents.ProductViewed))).Outcomes.Single();

        Assert.Multiple(() =>
        {
            Assert.That(failed.Message, Is.EqualTo("the request failed: InvalidOperationException"));
            Assert.That(failed.IsTransient, Is.False);
            Assert.That(failed.StatusCode, Is.Null);
        });
    }

    [Test]
    public async Task A_client_validation_exception_is_an_invalid_outcome()
    {
        var errors = new[] { new KlaviyoValidationError("profile", "identifier_required", "One of External ID, Anonymous ID, Phone Number or Email is required.") };
        var client = new RecordingKlaviyoClient { FailWhen = _ => new KlaviyoValidationException("trackEvent", errors) };
        var destination = Destination(client, null, MappingDefinition.ForEvents("trackEvent"));

        var invalid = (InvalidOutcome)(await destination.SendAsync(SegmentEvent.Parse(TestEvents.ProductViewed))).Outcomes.Single();

        Assert.That(invalid.Errors, Is.EqualTo(errors));
    }

    [Test]
    public async Task Delivery_gets_the_validated_action_of_every_matching_mapping()
    {
        var client = new RecordingKlaviyoClient();
        var destination = Destination(
            client,
            null,
            MappingDefinition.ForEvents("trackEvent"),
            MappingDefinition.ForEvents("orderCompleted"));

        var result = await destination.SendAsync(SegmentEvent.Parse(TestEvents.SpecOrder));

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcomes.Select(o => o.Kind), Is.EqualTo(new[] { MappingOutcomeKind.Sent, MappingOutcomeKind.Sent }));
            Assert.That(client.Sent.Select(r => r.GetType()), Is.EquivalentTo(new[] { typeof(TrackEventRequest), typeof(OrderCompletedRequest) }));
        });
    }

    [Test]
    public async Task Many_events_never_stop_on_a_bad_one_and_each_result_names_its_input_position()
    {
        var client = new RecordingKlaviyoClient
        {
            FailWhen = r => r is TrackEventRequest { MetricName: "Boom" } ? RecordingKlaviyoClient.ApiError(HttpStatusCode.InternalServerError) : null,
        };
        var destination = Destination(client, null, MappingDefinition.ForEvents("trackEvent"));
        string[] lines =
        [
            """{"type":"track","event":"A","userId":"u1","messageId":"m0","properties":{}}""",
            """{"type":"track","userId":"u2","messageId":"m1"}""",
            "not json",
            """{"type":"track","event":"Boom","userId":"u3","messageId":"m3","properties":{}}""",
            """{"type":"track","event":"NoProps","userId":"u4","messageId":"m4"}""",
            """{"type":"identify","userId":"u5","messageId":"m5"}""",
            """{"type":"track","event":"B","userId":"u6","messageId":"m6","properties":{}}""",
        ];

        var results = new List<EventResult>();
        await foreach (var result in destination.SendJsonAllAsync(ToAsync(lines)))
        {
            results.Add(result);
        }

        results.Sort((x, y) => x.Index.CompareTo(y.Index));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, lines.Length)));
            Assert.That(results[0].Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That((results[1].Error!.Field, results[1].Error!.Rule), Is.EqualTo(("event", "required")));
            Assert.That((results[2].Error!.Field, results[2].Error!.Rule), Is.EqualTo(("$", "json")));
            Assert.That(results[3].Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Failed));
            Assert.That(((InvalidOutcome)results[4].Outcomes.Single()).Errors.Single().Field, Is.EqualTo("properties"));
            Assert.That(((SkippedOutcome)results[5].Outcomes.Single()).Reason, Is.EqualTo(SkipReason.TriggerNotMatched));
            Assert.That(results[6].Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
        });
    }

    [Test]
    public async Task A_finished_result_is_handed_out_while_the_source_waits_for_its_next_event()
    {
        // A slow producer (a web request stream, a queue consumer) must not hold back results already done: the
        // caller acknowledges or logs them as they finish, not when the next event happens to arrive.
        var destination = Destination(new RecordingKlaviyoClient(), null, MappingDefinition.ForEvents("trackEvent"));
        var second = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var results = destination.SendJsonAllAsync(Source(second.Task)).GetAsyncEnumerator();
        var first = await results.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(results.Current.MessageId, Is.EqualTo("m1"), "yielded before the source produced m2");
            Assert.That(second.Task.IsCompleted, Is.False);
        });

        second.SetResult("""{"type":"track","event":"E","userId":"u2","messageId":"m2","properties":{}}""");
        Assert.That(await results.MoveNextAsync(), Is.True);
        Assert.That(results.Current.MessageId, Is.EqualTo("m2"));
        Assert.That(await results.MoveNextAsync(), Is.False);

        static async IAsyncEnumerable<string?> Source(Task<string?> later)
        {
            yield return """{"type":"track","event":"E","userId":"u1","messageId":"m1","properties":{}}""";
            yield return await later;
        }
    }

    [Test]
    public async Task Cancellation_stops_reading_and_the_events_read_before_it_still_get_results()
    {
        var client = new RecordingKlaviyoClient();
        var destination = Destination(client, null, MappingDefinition.ForEvents("trackEvent"));
        using var cancel = new CancellationTokenSource();
        var results = new List<EventResult>();

        await foreach (var result in destination.SendAllAsync(Source(cancel), cancel.Token))
        {
            results.Add(result);
        }

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.MessageId), Is.EqualTo(new[] { "m1" }), "m1 was routed before the cancellation; m2 never read");
            Assert.That(results.Single().Succeeded, Is.True);
            Assert.That(client.Sent, Has.Count.EqualTo(1));
        });

        static async IAsyncEnumerable<SegmentEvent> Source(CancellationTokenSource cancel)
        {
            yield return SegmentEvent.Parse("""{"type":"track","event":"E","userId":"u1","messageId":"m1","properties":{}}""");
            await cancel.CancelAsync();
            yield return SegmentEvent.Parse("""{"type":"track","event":"E","userId":"u2","messageId":"m2","properties":{}}""");
        }
    }

    [Test]
    public async Task Send_json_reports_an_unreadable_event_instead_of_throwing()
    {
        var destination = Destination(new RecordingKlaviyoClient(), null, MappingDefinition.ForEvents("trackEvent"));

        var result = await destination.SendJsonAsync("""{"type":"track","event":"E","userId":{"id":1}}""");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error!.Field, Is.EqualTo("userId"));
            Assert.That(result.Error.Rule, Is.EqualTo("type"));
            Assert.That(result.Outcomes, Is.Empty);
            Assert.That(result.Succeeded, Is.False);
        });
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }
}
