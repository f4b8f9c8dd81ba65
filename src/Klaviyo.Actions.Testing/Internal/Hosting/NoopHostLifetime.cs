using Microsoft.Extensions.Hosting;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>Keeps the emulator's host from listening for Ctrl+C, which belongs to the application that starts it.</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
