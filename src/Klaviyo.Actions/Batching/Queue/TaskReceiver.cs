namespace Klaviyo.Actions.Batching;

/// <summary>The receiver behind <see cref="KlaviyoBatcher.EnqueueAsync(KlaviyoBatchItem, CancellationToken)"/>: one handle per item.</summary>
internal sealed class TaskReceiver : IDeliveryReceiver
{
    private readonly TaskCompletionSource<KlaviyoItemOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<KlaviyoItemOutcome> Task => _completion.Task;

    public void OnOutcome(int slot, KlaviyoItemOutcome outcome, object? value) => _completion.TrySetResult(outcome);
}
