using Klaviyo.Actions;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Further configuration of a Klaviyo registration.</summary>
public static class KlaviyoActionsBuilderExtensions
{
    /// <summary>Adds code configuration on top of what the registration already binds.</summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder Configure(this IKlaviyoActionsBuilder builder, Action<KlaviyoClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>
    /// Configures the registration's named HttpClient (<c>Klaviyo.Actions</c> or <c>Klaviyo.Actions:{name}</c>):
    /// add delegating handlers, set the primary handler, a proxy, headers.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Receives the <see cref="IHttpClientBuilder"/> of the registration's client.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Resilience handlers (<c>AddStandardResilienceHandler</c>, <c>AddResilienceHandler</c>) are removed from this
    /// client while the Klaviyo pipeline is on; replace the pipeline with <see cref="ConfigureResilience(IKlaviyoActionsBuilder, Action{ResiliencePipelineBuilder{HttpResponseMessage}, IServiceProvider})"/>,
    /// or set <c>Resilience:Enabled</c> to false to use such a handler instead.
    /// </remarks>
    public static IKlaviyoActionsBuilder ConfigureHttpClient(this IKlaviyoActionsBuilder builder, Action<IHttpClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder.Services.AddHttpClient(KlaviyoRegistration.HttpClientNameFor(builder.Name)));
        return builder;
    }

    /// <summary>
    /// Replaces the built-in timeouts and retry with your own Polly strategies. The client-side rate limiter
    /// stays in front (turn it off with <c>RateLimiting:Enabled</c>); <c>Resilience:Enabled = false</c> removes
    /// your pipeline as well. Each execution carries <see cref="KlaviyoResilienceProperties.OperationName"/> and
    /// <see cref="KlaviyoResilienceProperties.RetryOnUnknownOutcome"/> — retry list creation only on 429.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Adds strategies; called once per options reload.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder ConfigureResilience(
        this IKlaviyoActionsBuilder builder,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<KlaviyoResiliencePipelineOptions>(builder.Name, o => o.Configure = configure);
        return builder;
    }

    /// <inheritdoc cref="ConfigureResilience(IKlaviyoActionsBuilder, Action{ResiliencePipelineBuilder{HttpResponseMessage}, IServiceProvider})"/>
    public static IKlaviyoActionsBuilder ConfigureResilience(
        this IKlaviyoActionsBuilder builder,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureResilience((pipeline, _) => configure(pipeline));
    }

    /// <summary>
    /// Turns the built-in timeouts and retry off for this registration (same as <c>Resilience:Enabled = false</c>):
    /// each call is sent once, with HttpClient's default timeout. The client-side rate limiter stays.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <returns>The same builder.</returns>
    public static IKlaviyoActionsBuilder RemoveResilience(this IKlaviyoActionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.PostConfigure<KlaviyoClientOptions>(builder.Name, o => o.Resilience.Enabled = false);
        return builder;
    }
}
