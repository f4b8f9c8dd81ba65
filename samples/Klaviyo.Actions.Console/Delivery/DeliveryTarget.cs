using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.ConsoleApp.Delivery;

/// <summary>
/// Where events go: Klaviyo when a key is given (<c>--api-key</c> or <c>KLAVIYO_API_KEY</c>), another
/// Klaviyo-compatible address with <c>--base-url</c>, or else an emulator started in-process.
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

    public static async Task<DeliveryTarget> CreateAsync(string? apiKey, string? baseUrl, CancellationToken cancellationToken)
    {
        apiKey ??= Environment.GetEnvironmentVariable("KLAVIYO_API_KEY");
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

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
