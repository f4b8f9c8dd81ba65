namespace Microsoft.Extensions.DependencyInjection;

/// <summary>One Klaviyo registration made by <c>AddKlaviyoActions(...)</c>, for chaining further configuration.</summary>
public interface IKlaviyoActionsBuilder
{
    /// <summary>The service collection the registration belongs to.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The registration name: <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the default
    /// registration, else the name given to <c>AddKlaviyoActions(name, ...)</c> and to
    /// <see cref="Klaviyo.Actions.IKlaviyoClientFactory.CreateClient(string)"/>.
    /// </summary>
    string Name { get; }
}
