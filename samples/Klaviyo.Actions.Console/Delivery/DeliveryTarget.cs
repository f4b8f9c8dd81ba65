using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// Where events go: Klaviyo when a key is given (<c>--api-key</c> or <c>KLAVIYO_API_KEY</c>, or a mapping file's
/// key that looks like a real private key), another Klaviyo-compatible address with <c>--base-url</c>, or else an
/// emulator started in-process. A mapping file's placeholder key (<c>pk_live_...</c>) is refused, never sent.
/// </summary>
internal sealed class DeliveryTarget : IAsyncDisposable
{
    private DeliveryTarget(string description, KlaviyoClientOptions options, KlaviyoEmulator? emulator)
    {
        Description = description;
        Options = options;
        Emulator = emulator;
    }

    public string Description { get; }

    public KlaviyoClientOptions Options { get; }

    /// <summary>The in-process emulator, when no key was given.</summary>
    public KlaviyoEmulator? Emulator { get; }

    /// <summary>The smallest number of characters after <c>pk_</c> a real private key has.</summary>
    private const int MinimumKeyCharacters = 20;

    /// <summary>
    /// The target for a key given on the command line or in <c>KLAVIYO_API_KEY</c> (<paramref name="apiKey"/>, used
    /// as given), else the mapping file's key (<paramref name="mappingFileKey"/>), which must pass
    /// <see cref="LooksLikePrivateKey"/>.
    /// </summary>
    /// <exception cref="Commands.UsageException">The mapping file's key is a placeholder or not a private key.</exception>
    public static async Task<DeliveryTarget> CreateAsync(string? apiKey, string? baseUrl, CancellationToken cancellationToken, string? mappingFileKey = null)
    {
        apiKey ??= Environment.GetEnvironmentVariable("KLAVIYO_API_KEY");
        if (string.IsNullOrWhiteSpace(apiKey) && !string.IsNullOrWhiteSpace(mappingFileKey))
        {
            if (!LooksLikePrivateKey(mappingFileKey))
            {
                throw new Commands.UsageException(
                    "The mapping file's api_key is not a Klaviyo private key (pk_ followed by at least " + MinimumKeyCharacters +
                    " characters, no \"...\"); it looks like a placeholder, so nothing was sent. Put your real key there, pass " +
                    "--api-key or set KLAVIYO_API_KEY, or remove the key to send to the built-in emulator.");
            }

            apiKey = mappingFileKey;
        }

        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            var options = new KlaviyoClientOptions { ApiKey = apiKey };
            if (baseUrl is not null)
            {
                options.BaseAddress = new Uri(baseUrl, UriKind.Absolute);
            }

            return new DeliveryTarget(baseUrl is null ? "Klaviyo" : options.BaseAddress.ToString(), options, emulator: null);
        }

        if (baseUrl is not null)
        {
            throw new Commands.UsageException("--base-url needs --api-key (or KLAVIYO_API_KEY) for that address.");
        }

        var emulator = await KlaviyoEmulator.StartAsync(cancellationToken: cancellationToken);
        var emulated = new KlaviyoClientOptions { ApiKey = emulator.ApiKey, BaseAddress = emulator.BaseAddress };
        return new DeliveryTarget($"the built-in Klaviyo emulator at {emulator.BaseAddress} (no API key given)", emulated, emulator);
    }

    /// <summary>
    /// Whether <paramref name="key"/> has the shape of a Klaviyo private key: <c>pk_</c> followed by at least 20
    /// characters, none of them whitespace, and no <c>...</c> or <c>…</c> (a documentation placeholder).
    /// </summary>
    public static bool LooksLikePrivateKey(string key) =>
        key.StartsWith("pk_", StringComparison.Ordinal) &&
        key.Length >= 3 + MinimumKeyCharacters &&
        !key.Contains("...", StringComparison.Ordinal) &&
        !key.Contains('…') &&
        !key.Any(char.IsWhiteSpace);

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
