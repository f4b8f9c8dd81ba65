using System.Threading.Channels;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>Records what delivery reports for submitted items, in the order the outcomes arrive.</summary>
internal sealed class OutcomeRecorder : IDeliveryReceiver
{
    private readonly Channel<(int Slot, KlaviyoItemOutcome Outcome, object? Value)> _outcomes = Channel.CreateUnbounded<(int, KlaviyoItemOutcome, object?)>();

    /// <summary>The next outcome to arrive.</summary>
    public Task<(int Slot, KlaviyoItemOutcome Outcome, object? Value)> Next => _outcomes.Reader.ReadAsync().AsTask();

    public void OnOutcome(int slot, KlaviyoItemOutcome outcome, object? value) => _outcomes.Writer.TryWrite((slot, outcome, value));
}
