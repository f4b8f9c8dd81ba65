using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions.Batching;

/// <summary>Sends one action through the client's single-call method and turns what happens into its outcome.</summary>
internal static class SingleSend
{
    /// <summary>Sends; never throws.</summary>
    /// <param name="client">The client.</param>
    /// <param name="item">The validated item.</param>
    /// <param name="stop">Cancelled when a drain's deadline passes: the action is then not delivered before shutdown.</param>
    public static async Task<(KlaviyoItemOutcome Outcome, object? Value)> RunAsync(IKlaviyoClient client, KlaviyoBatchItem item, CancellationToken stop)
    {
        string name = item.ActionName;
        try
        {
            if (item.Request is OrderCompletedRequest order && client is IOrderPartsSender sender)
            {
                return await SendOrderAsync(sender, name, order, stop).ConfigureAwait(false);
            }

            object? value = await SendAsync(client, item.Request, stop).ConfigureAwait(false);
            return (KlaviyoItemOutcome.Accepted(name), value);
        }
        catch (KlaviyoValidationException exception) when (exception.Errors.Count > 0)
        {
            return (KlaviyoItemOutcome.Invalid(name, exception.Errors), null);
        }
        catch (Exception exception)
        {
            return (Classify(name, exception, stop), null);
        }
    }

    /// <summary>An order whose events did not all get in fails with the worst of them and names each (<see cref="KlaviyoItemOutcome.Parts"/>).</summary>
    private static async Task<(KlaviyoItemOutcome Outcome, object? Value)> SendOrderAsync(
        IOrderPartsSender sender, string name, OrderCompletedRequest order, CancellationToken stop)
    {
        var delivery = await sender.SendOrderAsync(order, stop).ConfigureAwait(false);
        if (delivery.FirstFailure is not { } failure)
        {
            return (KlaviyoItemOutcome.Accepted(name), delivery.Result);
        }

        var parts = delivery.Parts(name, exception => Classify(name, exception, stop));
        var worst = parts[0].Outcome;
        for (int i = 1; i < parts.Length; i++)
        {
            worst = ItemLedger.Combine(worst, parts[i].Outcome);
        }

        return (worst with { Parts = parts }, null);
    }

    private static KlaviyoItemOutcome Classify(string name, Exception exception, CancellationToken stop) => exception switch
    {
        KlaviyoApiException api => FailureClassifier.ForRequestError(name, api),
        OperationCanceledException when stop.IsCancellationRequested =>
            KlaviyoItemOutcome.Failed(name, KlaviyoItemOutcome.NotDeliveredBeforeShutdown, exceptionSummary: FailureClassifier.Summarize(exception)),
        _ => FailureClassifier.ForException(name, exception, cancelled: false, string.Empty),
    };

    private static async Task<object?> SendAsync(IKlaviyoClient client, object request, CancellationToken stop)
    {
        switch (request)
        {
            case UpsertProfileRequest r: return await client.UpsertProfileAsync(r, stop).ConfigureAwait(false);
            case TrackEventRequest r: return await client.TrackEventAsync(r, stop).ConfigureAwait(false);
            case OrderCompletedRequest r: return await client.TrackOrderCompletedAsync(r, stop).ConfigureAwait(false);
            case SubscribeProfileRequest r: await client.SubscribeProfileAsync(r, stop).ConfigureAwait(false); return null;
            case UnsubscribeProfileRequest r: await client.UnsubscribeProfileAsync(r, stop).ConfigureAwait(false); return null;
            case AddProfileToListRequest r: return await client.AddProfileToListAsync(r, stop).ConfigureAwait(false);
            case RemoveProfileFromListRequest r: return await client.RemoveProfileFromListAsync(r, stop).ConfigureAwait(false);
            case RemoveProfileRequest r: return await client.RemoveProfileAsync(r, stop).ConfigureAwait(false);
            default: throw new ArgumentException($"{request.GetType().Name} is not a Klaviyo action request.", nameof(request));
        }
    }
}
