using System.Collections.Concurrent;
using Klaviyo.Actions.Redis.Delivery;

namespace Klaviyo.Actions.Redis.Tests.Delivery;

/// <summary>Collects the outcomes a consumer recorded and signals once a number of them arrived.</summary>
internal sealed class OutcomeCollector : IRedisDeliveryObserver
{
    private readonly ConcurrentQueue<RedisRecordedOutcome> _outcomes = new();
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<RedisRecordedOutcome> Outcomes => [.. _outcomes];

    public void OnRecorded(RedisRecordedOutcome outcome)
    {
        _outcomes.Enqueue(outcome);
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => _outcomes.Count >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> outcomes were recorded by the consumers sharing this collector.</summary>
    public Task WaitForAsync(int count, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_outcomes.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, signal));
        }

        return signal.Task.WaitAsync(timeout);
    }
}
