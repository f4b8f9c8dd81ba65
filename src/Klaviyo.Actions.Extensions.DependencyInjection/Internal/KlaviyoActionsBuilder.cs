namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The <see cref="IKlaviyoActionsBuilder"/> returned by <c>AddKlaviyoActions(...)</c>.</summary>
internal sealed class KlaviyoActionsBuilder(IServiceCollection services, string name) : IKlaviyoActionsBuilder
{
    public IServiceCollection Services { get; } = services;

    public string Name { get; } = name;
}
