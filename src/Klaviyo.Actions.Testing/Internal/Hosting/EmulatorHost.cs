using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>
/// Builds the emulator's web host: a slim ASP.NET Core app, Kestrel on 127.0.0.1 only, no configuration files or
/// environment-driven endpoints, no Ctrl+C handling, and no logging unless asked for.
/// </summary>
internal static class EmulatorHost
{
    public static WebApplication Build(
        KlaviyoEmulatorOptions options,
        IReadOnlyList<EmulatorRoute> routes,
        RequestPipeline pipeline,
        Action<IEndpointRouteBuilder> mapInspection)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // The emulator must not pick up the host application's appsettings (Kestrel endpoints, URLs, logging).
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, NoopHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        foreach (var route in routes)
        {
            app.Map(route.Pattern, context => pipeline.HandleAsync(context, route));
        }

        mapInspection(app);
        app.MapFallback(context => pipeline.HandleAsync(context, null));
        return app;
    }

    /// <summary>The address Kestrel bound, with a trailing slash.</summary>
    public static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        string address = addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
