using System.Globalization;
using System.Net;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>What a summary says about the run besides the per-action counts.</summary>
/// <param name="Target">Where events went (Klaviyo, an address, or the built-in emulator); never the key.</param>
/// <param name="Elapsed">From the first event read to the last outcome.</param>
/// <param name="RequestsByEndpoint">HTTP requests per <c>METHOD /path</c>.</param>
/// <param name="KeyRefusedWith">401 or 403 when Klaviyo refused the API key (the run stopped), else null.</param>
internal sealed record RunFacts(string Target, TimeSpan Elapsed, IReadOnlyDictionary<string, int> RequestsByEndpoint, HttpStatusCode? KeyRefusedWith)
{
    /// <summary>The line under the headline: where, how long, how fast.</summary>
    public string TargetLine(int events)
    {
        double rate = Elapsed.TotalSeconds <= 0 ? 0 : events / Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"Target: {Target}; {Elapsed.TotalSeconds:F1}s ({rate:F0} events/s).");
    }

    /// <summary>The line saying the key was refused, or null.</summary>
    public string? RefusalLine => KeyRefusedWith is { } status
        ? string.Create(CultureInfo.InvariantCulture, $"Klaviyo refused the API key ({(int)status} {status}): the run stopped at once; no more events were read or sent.")
        : null;
}
