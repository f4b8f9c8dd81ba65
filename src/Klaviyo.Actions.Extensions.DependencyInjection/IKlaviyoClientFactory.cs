namespace Klaviyo.Actions;

/// <summary>
/// Creates <see cref="IKlaviyoClient"/>s for the registrations made with <c>AddKlaviyoActions(...)</c>. Register
/// several accounts with <c>AddKlaviyoActions("name", ...)</c> and pick one by name. Long-lived services
/// (singletons, hosted services) should create a client per unit of work from this factory instead of holding
/// one, so handler rotation and reloaded options (a rotated API key) apply.
/// </summary>
public interface IKlaviyoClientFactory
{
    /// <summary>Creates a client for the registration named <paramref name="name"/>.</summary>
    /// <param name="name">The registration name; empty for the default registration.</param>
    /// <returns>A client; cheap to create, thread-safe.</returns>
    /// <exception cref="InvalidOperationException">No registration has that name.</exception>
    IKlaviyoClient CreateClient(string name);
}

/// <summary>Conveniences for <see cref="IKlaviyoClientFactory"/>.</summary>
public static class KlaviyoClientFactoryExtensions
{
    /// <summary>Creates a client for the default registration (<c>AddKlaviyoActions(...)</c> without a name).</summary>
    /// <param name="factory">The factory.</param>
    /// <returns>A client.</returns>
    public static IKlaviyoClient CreateClient(this IKlaviyoClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(Microsoft.Extensions.Options.Options.DefaultName);
    }
}
