using System.Globalization;
using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.HealthChecks;

/// <summary>
/// Checks that Klaviyo accepts the registration's API key with one <c>GET /api/accounts</c>, sent once (no rate
/// limiter queue, no retries) and cached for <see cref="KlaviyoHealthCheckOptions.CacheDuration"/>.
/// 401/403 and other client errors → the registration's failure status (Unhealthy by default): the key or the
/// configuration is wrong. 429, 5xx, timeouts and connection failures → Degraded: Klaviyo is busy or unreachable
/// and calls are being retried. Descriptions never contain the key.
/// </summary>
/// <remarks>
/// One instance per check registration (a keyed singleton), so the cache outlives each check run. Concurrent
/// runs share one probe; a caller's cancellation ends only its own wait, the probe has its own timeout.
/// </remarks>
internal sealed class KlaviyoHealthCheck : IHealthCheck
{
    private readonly KlaviyoClientFactory _clients;
    private readonly KlaviyoHealthCheckOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _checkName;
    private readonly object _sync = new();
    private (HealthCheckResult Result, DateTimeOffset Until)? _cached;
    private Task<HealthCheckResult>? _probe;

    public KlaviyoHealthCheck(string checkName, IKlaviyoClientFactory clients, IOptionsMonitor<KlaviyoHealthCheckOptions> options, IServiceProvider services)
    {
        _checkName = checkName;
        _clients = (KlaviyoClientFactory)clients;
        _options = options.Get(checkName);
        _timeProvider = KlaviyoServices.TimeProvider(services);
        _logger = KlaviyoServices.LoggerFactory(services).CreateLogger<KlaviyoHealthCheck>();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        Task<HealthCheckResult> probe;
        lock (_sync)
        {
            if (_cached is { } cached && _timeProvider.GetUtcNow() < cached.Until)
            {
                return Task.FromResult(cached.Result);
            }

            // A finished probe has already filled the cache, so a finished one here is stale: start another.
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = ProbeAndCacheAsync(context.Registration.FailureStatus);
            }

            probe = _probe;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> ProbeAndCacheAsync(HealthStatus failureStatus)
    {
        var checkedAt = _timeProvider.GetUtcNow();
        HealthCheckResult result;
        try
        {
            result = await ProbeAsync(failureStatus, checkedAt).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            result = new HealthCheckResult(failureStatus, "The Klaviyo probe failed: " + ex.GetType().Name + ".", data: Data(checkedAt));
        }

        lock (_sync)
        {
            _cached = (result, checkedAt + _options.CacheDuration);
        }

        Log.HealthCheckProbed(_logger, _checkName, _options.RegistrationName, result.Status.ToString());
        return result;
    }

    private Dictionary<string, object> Data(DateTimeOffset checkedAt) => new(StringComparer.Ordinal)
    {
        ["registration"] = _options.RegistrationName,
        ["checkedAt"] = checkedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private async Task<HealthCheckResult> ProbeAsync(HealthStatus failureStatus, DateTimeOffset checkedAt)
    {
        var data = Data(checkedAt);
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, _timeProvider);
        try
        {
            var transport = _clients.CreateProbeTransport(_options.RegistrationName);
            var response = await transport.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, timeout.Token).ConfigureAwait(false);
            data["statusCode"] = (int)response.StatusCode;
            if (AccountId(response.Body) is { } accountId)
            {
                data["accountId"] = accountId;
            }

            return HealthCheckResult.Healthy("Klaviyo accepted the API key.", data);
        }
        catch (KlaviyoApiException ex)
        {
            data["statusCode"] = (int)ex.StatusCode;
            return ex.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new HealthCheckResult(
                    failureStatus,
                    $"Klaviyo rejected the API key ({(int)ex.StatusCode}). Check the ApiKey setting and that the key has the accounts:read scope.",
                    ex,
                    data),
                _ when ex.IsTransient => HealthCheckResult.Degraded(
                    ex.IsRateLimited
                        ? "Klaviyo is throttling the account (429); calls wait and retry."
                        : $"Klaviyo answered {(int)ex.StatusCode}; calls are being retried.",
                    ex,
                    data),
                _ => new HealthCheckResult(failureStatus, $"Klaviyo refused the probe ({(int)ex.StatusCode}). Check the Revision and BaseAddress settings.", ex, data),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"Klaviyo did not answer within {_options.ProbeTimeout:g}.", data: data);
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Degraded("Klaviyo could not be reached.", ex, data);
        }
        catch (OptionsValidationException ex)
        {
            // The messages name settings and never contain the key.
            return new HealthCheckResult(failureStatus, "The Klaviyo options are invalid: " + ex.Message, data: data);
        }
    }

    private static string? AccountId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("data", out var data) &&
                   data.ValueKind == JsonValueKind.Array &&
                   data.GetArrayLength() > 0 &&
                   data[0].TryGetProperty("id", out var id) &&
                   id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
