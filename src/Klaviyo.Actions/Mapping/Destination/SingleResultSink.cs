namespace Klaviyo.Actions.Mapping;

/// <summary>The sink of one event routed by <see cref="KlaviyoDestination.SendAsync"/>: a task that completes with its result.</summary>
internal sealed class SingleResultSink : IEventResultSink
{
    private readonly TaskCompletionSource<EventResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<EventResult> Task => _result.Task;

    public void OnResult(EventResult result) => _result.TrySetResult(result);
}
