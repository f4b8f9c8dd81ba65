using System.Runtime.ExceptionServices;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Operations;

/// <summary>What happened to each event of one Order Completed call: the order event (slot 0), then each product's.</summary>
internal sealed class OrderDelivery
{
    public OrderDelivery(OrderCompletedRequest order, OrderCompletedResult result, int products)
    {
        Order = order;
        Result = result;
        Failures = new Exception?[1 + products];
    }

    /// <summary>The order as sent (normalized).</summary>
    public OrderCompletedRequest Order { get; }

    /// <summary>The ids the events were sent with.</summary>
    public OrderCompletedResult Result { get; }

    /// <summary>Per event, what failed it; <see langword="null"/> when it was accepted (or, for a product, not sent because the order event failed).</summary>
    public Exception?[] Failures { get; }

    /// <summary>Whether the order event failed, so no product event was sent.</summary>
    public bool OrderEventFailed => Failures[0] is not null;

    /// <summary>The first failure in event order (the order event's, else the first product's), or null when all were accepted.</summary>
    public Exception? FirstFailure => Array.Find(Failures, static f => f is not null);

    /// <summary>Rethrows <see cref="FirstFailure"/>, as the single call reports a failed order.</summary>
    public void ThrowFirstFailure()
    {
        if (FirstFailure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Each event's outcome, a failure classified by <paramref name="classify"/>.</summary>
    public KlaviyoPartOutcome[] Parts(string action, Func<Exception, KlaviyoItemOutcome> classify)
    {
        var outcomes = new KlaviyoItemOutcome?[Failures.Length];
        for (int i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = Failures[i] is { } failure ? classify(failure)
                : i > 0 && OrderEventFailed ? KlaviyoItemOutcome.Failed(action, OrderParts.OrderEventNotAccepted)
                : KlaviyoItemOutcome.Accepted(action);
        }

        return OrderParts.Build(Order, action, outcomes);
    }
}
