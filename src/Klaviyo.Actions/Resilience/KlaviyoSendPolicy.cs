using Klaviyo.Actions.Http;
using Polly;
using Polly.Timeout;

namespace Klaviyo.Actions.Resilience;

/// <summary>
/// Runs each Klaviyo call through the resilience pipeline with the operation on the context. Polly's timeout
/// exception is turned into a <see cref="TimeoutException"/> so no Polly type reaches callers.
/// </summary>
internal sealed class KlaviyoSendPolicy : IKlaviyoSendPolicy
{
    public KlaviyoSendPolicy(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        Pipeline = pipeline;
    }

    /// <summary>The pipeline (for tests).</summary>
    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public async ValueTask<HttpResponseMessage> SendAsync(
        KlaviyoOperation operation,
        Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation.Name, cancellationToken);
        context.Properties.Set(KlaviyoResilienceKeys.Operation, operation);
        context.Properties.Set(KlaviyoResilienceProperties.OperationName, operation.Name);
        context.Properties.Set(KlaviyoResilienceProperties.RetryOnUnknownOutcome, operation.Safety != RetrySafety.Unsafe);
        try
        {
            return await Pipeline.ExecuteAsync(static (ctx, send) => send(ctx.CancellationToken), context, attempt).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"The Klaviyo call '{operation.Name}' timed out after {ex.Timeout:g}. Klaviyo may be slow or unreachable; see Resilience:AttemptTimeout and Resilience:TotalTimeout.",
                ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
