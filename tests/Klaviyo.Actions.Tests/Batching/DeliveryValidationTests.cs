using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Mapping;
using Klaviyo.Actions.Tests.Mapping.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>
/// A destination validates every action before it hands it to delivery; the queue knows it, and the bulk engine does
/// not run the same rules (phone parsing included) a second time. Any other item is validated.
/// </summary>
public class DeliveryValidationTests
{
    private BulkHarness _h = null!;
    private CountingValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _validator = new CountingValidator();
        _h = new BulkHarness { WithJobTracker = false, Validator = _validator };
    }

    [TearDown]
    public void TearDown() => _h.Dispose();

    [Test]
    public async Task A_validated_action_is_queued_without_a_second_validation()
    {
        await using var batcher = new KlaviyoBatcher(_h.CreateClient());
        var validated = KlaviyoAction.From(BulkHarness.Event(1)).Validate(_h.Clock, out var errors)!;
        var receiver = new OutcomeRecorder();

        await batcher.SubmitAsync(validated.ToDeliveryItem(), batched: true, null, receiver, 0, CancellationToken.None);
        await batcher.FlushAsync();
        var result = await receiver.Next.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(result.Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(_validator.Calls, Is.Zero);
            Assert.That(_h.Events.Requests.Single().PartCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_action_built_by_hand_is_validated_by_the_queue()
    {
        await using var batcher = new KlaviyoBatcher(_h.CreateClient());
        var noIdentifier = new TrackEventRequest { Profile = new EventProfile(), MetricName = "Viewed Product" };

        var outcome = await await batcher.EnqueueAsync(noIdentifier);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(KlaviyoItemStatus.Invalid));
            Assert.That(outcome.ValidationErrors, Is.Not.Empty);
            Assert.That(_validator.Calls, Is.EqualTo(1));
            Assert.That(_h.Events.Requests, Is.Empty);
        });
    }

    /// <summary>The SDK's own rules, counted.</summary>
    private sealed class CountingValidator : IBatchItemValidator
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public BatchItemValidation Validate(KlaviyoBatchItem item, TimeProvider timeProvider)
        {
            Interlocked.Increment(ref _calls);
            return KlaviyoBatchItemValidator.Instance.Validate(item, timeProvider);
        }
    }
}
