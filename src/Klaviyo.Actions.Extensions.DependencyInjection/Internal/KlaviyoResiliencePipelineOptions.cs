using Polly;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>Per registration (named options): a pipeline that replaces the built-in timeouts and retry.</summary>
internal sealed class KlaviyoResiliencePipelineOptions
{
    public Action<ResiliencePipelineBuilder<HttpResponseMessage>, IServiceProvider>? Configure { get; set; }
}
