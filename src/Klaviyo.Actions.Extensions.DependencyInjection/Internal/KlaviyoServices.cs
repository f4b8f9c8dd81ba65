using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Internal;

/// <summary>Optional services: used when the app registered them, else the defaults.</summary>
internal static class KlaviyoServices
{
    /// <summary>The app's <see cref="System.TimeProvider"/> if registered, else the system clock.</summary>
    public static TimeProvider TimeProvider(IServiceProvider services) => services.GetService<TimeProvider>() ?? System.TimeProvider.System;

    /// <summary>The app's logger factory if registered, else none.</summary>
    public static ILoggerFactory LoggerFactory(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
