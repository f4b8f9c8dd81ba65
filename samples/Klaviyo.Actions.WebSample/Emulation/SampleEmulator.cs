using Klaviyo.Actions.Testing;

namespace Klaviyo.Actions.WebSample.Emulation;

/// <summary>
/// The in-process Klaviyo emulator the sample sends to when no Klaviyo API key is configured (null otherwise).
/// Disposed with the host, after the ingestion queue and the batcher have drained.
/// </summary>
internal sealed class SampleEmulator(KlaviyoEmulator? emulator) : IAsyncDisposable
{
    public KlaviyoEmulator? Emulator { get; } = emulator;

    /// <summary>
    /// Starts the emulator when <c>Klaviyo:ApiKey</c> (or <c>KLAVIYO_API_KEY</c>) is not set, and points the
    /// Klaviyo client options at it.
    /// </summary>
    public static async Task<SampleEmulator> StartIfNoApiKeyAsync(WebApplicationBuilder builder, CancellationToken cancellationToken)
    {
        string section = KlaviyoActionsServiceCollectionExtensions.DefaultSectionName;
        if (string.IsNullOrWhiteSpace(builder.Configuration[section + ":ApiKey"]) &&
            Environment.GetEnvironmentVariable("KLAVIYO_API_KEY") is { Length: > 0 } fromEnvironment)
        {
            builder.Configuration[section + ":ApiKey"] = fromEnvironment;
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[section + ":ApiKey"]))
        {
            return new SampleEmulator(null);
        }

        // Started outside this flow's ExecutionContext: hosting listeners that follow the app's own host as it is
        // built (WebApplicationFactory in the integration tests) must not mistake the emulator's host for it.
        Task<KlaviyoEmulator> starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = Task.Run(() => KlaviyoEmulator.StartAsync(cancellationToken: cancellationToken), cancellationToken);
        }

        var emulator = await starting;
        builder.Services.PostConfigure<KlaviyoClientOptions>(options =>
        {
            options.ApiKey = emulator.ApiKey;
            options.BaseAddress = emulator.BaseAddress;
            // The emulator does not rate-limit unless asked to; the client's own limiter would only slow the demo.
            options.RateLimiting.Enabled = false;
        });
        return new SampleEmulator(emulator);
    }

    public ValueTask DisposeAsync() => Emulator?.DisposeAsync() ?? ValueTask.CompletedTask;
}
