using Klaviyo.Actions.Testing;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>A running emulator and a real <see cref="KlaviyoClient"/> pointed at it over loopback HTTP.</summary>
public abstract class EmulatorFixture
{
    protected FakeTimeProvider Time { get; private set; } = null!;

    protected KlaviyoEmulator Emulator { get; private set; } = null!;

    protected KlaviyoClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
        Emulator = await KlaviyoEmulator.StartAsync(new KlaviyoEmulatorOptions { TimeProvider = Time });
        Client = CreateClient();
    }

    [TearDown]
    public async Task StopEmulatorAsync() => await Emulator.DisposeAsync();

    protected KlaviyoClient CreateClient(Action<KlaviyoClientOptions>? configure = null)
    {
        var options = new KlaviyoClientOptions { ApiKey = Emulator.ApiKey, BaseAddress = Emulator.BaseAddress };
        configure?.Invoke(options);
        return new KlaviyoClient(options, timeProvider: Time);
    }
}
