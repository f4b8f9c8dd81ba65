using Klaviyo.Actions.Testing.Internal.JsonApi;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>One Klaviyo operation: its name, rate-limit tier, whether it takes a JSON body, and its handler.</summary>
internal sealed class EmulatorOperation(string name, EmulatorRateLimitTier tier, bool acceptsBody, Func<EmulatorRequest, EmulatorResponse> handler)
{
    public string Name { get; } = name;

    public EmulatorRateLimitTier Tier { get; } = tier;

    public bool AcceptsBody { get; } = acceptsBody;

    public Func<EmulatorRequest, EmulatorResponse> Handler { get; } = handler;

    /// <summary>This endpoint's rate-limit windows (Klaviyo counts per endpoint).</summary>
    public EndpointRateLimiter Limiter { get; } = new();
}
