namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>
/// One <c>AddKlaviyoActions</c> registration: its name, its HttpClient name and the prefix validation messages
/// use to name a setting (the configuration section path, or <c>Klaviyo</c>/<c>Klaviyo(name)</c> when
/// configured in code). Registered once per name as a singleton instance.
/// </summary>
internal sealed class KlaviyoRegistration
{
    /// <summary>The HttpClient name prefix.</summary>
    public const string HttpClientNamePrefix = "Klaviyo.Actions";

    public KlaviyoRegistration(string name)
    {
        Name = name;
        HttpClientName = HttpClientNameFor(name);
        SettingPrefix = name.Length == 0 ? "Klaviyo" : $"Klaviyo({name})";
    }

    public string Name { get; }

    public string HttpClientName { get; }

    /// <summary>E.g. <c>Klaviyo</c> or <c>Accounts:Europe</c>; settings are named <c>{SettingPrefix}:ApiKey</c>.</summary>
    public string SettingPrefix { get; set; }

    /// <summary><c>Klaviyo.Actions</c> for the default registration, <c>Klaviyo.Actions:{name}</c> for a named one.</summary>
    public static string HttpClientNameFor(string name) => name.Length == 0 ? HttpClientNamePrefix : HttpClientNamePrefix + ":" + name;
}

/// <summary>Finds registrations by name.</summary>
internal sealed class KlaviyoRegistrations(IEnumerable<KlaviyoRegistration> registrations)
{
    private readonly Dictionary<string, KlaviyoRegistration> _byName = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, KlaviyoRegistration> _byHttpClientName = registrations.ToDictionary(r => r.HttpClientName, StringComparer.Ordinal);

    public KlaviyoRegistration? Find(string name) => _byName.GetValueOrDefault(name);

    public KlaviyoRegistration? FindByHttpClientName(string httpClientName) => _byHttpClientName.GetValueOrDefault(httpClientName);

    public KlaviyoRegistration Get(string name) =>
        Find(name) ?? throw new InvalidOperationException(
            name.Length == 0
                ? "No default Klaviyo registration exists. Call services.AddKlaviyoActions(...) without a name, or ask IKlaviyoClientFactory for a named client."
                : $"No Klaviyo registration is named '{name}'. Call services.AddKlaviyoActions(\"{name}\", ...).");
}
