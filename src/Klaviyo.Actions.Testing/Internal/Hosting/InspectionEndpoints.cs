using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>
/// The inspection and control API under <c>/__emulator</c>, for tests written in other languages. Plain JSON with
/// snake_case names; no API key, revision or faults apply.
/// </summary>
internal static class InspectionEndpoints
{
    public const string Prefix = "/__emulator";

    public static void Map(IEndpointRouteBuilder app, KlaviyoEmulator emulator)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/", context => InspectionJson.WriteAsync(context, new
        {
            base_address = emulator.BaseAddress.AbsoluteUri,
            api_key = emulator.ApiKey,
            account_id = emulator.AccountId,
            accepted_revisions = emulator.AcceptedRevisions,
            profiles = emulator.Profiles.Count,
            events = emulator.Events.Count,
            lists = emulator.Lists.Count,
            import_jobs = emulator.ImportJobs.Count,
        }));
        group.MapGet("/profiles", context => InspectionJson.WriteAsync(context, emulator.Profiles));
        group.MapGet("/profiles/{id}", context => emulator.GetProfile(RouteId(context)) is { } profile
            ? InspectionJson.WriteAsync(context, profile)
            : InspectionJson.WriteErrorAsync(context, 404, "No profile with id " + RouteId(context)));
        group.MapGet("/events", context => InspectionJson.WriteAsync(context, FilterEvents(emulator.Events, context.Request.Query)));
        group.MapGet("/lists", context => InspectionJson.WriteAsync(context, emulator.Lists));
        group.MapPost("/lists", CreateListAsync(emulator));
        group.MapGet("/lists/{id}/members", context => emulator.Lists.Any(list => list.Id == RouteId(context))
            ? InspectionJson.WriteAsync(context, emulator.GetListMembers(RouteId(context)))
            : InspectionJson.WriteErrorAsync(context, 404, "No list with id " + RouteId(context)));
        group.MapGet("/suppressions", context => InspectionJson.WriteAsync(context, emulator.Suppressions));
        group.MapGet("/import-jobs", context => InspectionJson.WriteAsync(context, emulator.ImportJobs));
        group.MapGet("/deletions", context => InspectionJson.WriteAsync(context, emulator.DeletionRequests));
        group.MapGet("/requests", context => InspectionJson.WriteAsync(context, emulator.RequestLog));
        group.MapPost("/reset", context =>
        {
            emulator.Reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        group.MapGet("/faults", context => InspectionJson.WriteAsync(context, Describe(emulator.Faults)));
        group.MapPut("/faults", SetFaultsAsync(emulator));
        group.MapDelete("/faults", context =>
        {
            emulator.Faults.Clear();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        group.MapPost("/faults/next", ScheduleFaultAsync(emulator));
        group.MapPut("/rate-limiting", SetRateLimitingAsync(emulator));
    }

    private static string RouteId(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    private static IEnumerable<EmulatedEvent> FilterEvents(IReadOnlyList<EmulatedEvent> events, IQueryCollection query)
    {
        string? profileId = query["profile_id"];
        string? metric = query["metric"];
        return events.Where(item =>
            (profileId is null || item.ProfileId == profileId) && (metric is null || item.MetricName == metric));
    }

    private static object Describe(KlaviyoEmulatorFaults faults) => new
    {
        throttle_rate = faults.ThrottleRate,
        server_error_rate = faults.ServerErrorRate,
        drop_connection_rate = faults.DropConnectionRate,
        html_error_rate = faults.HtmlErrorRate,
        latency_ms = faults.Latency.TotalMilliseconds,
        retry_after_seconds = faults.RetryAfter.TotalSeconds,
        server_error_status_code = faults.ServerErrorStatusCode,
        html_error_status_code = faults.HtmlErrorStatusCode,
        seed = faults.Seed,
        pending = faults.PendingCount,
    };

    private static RequestDelegate SetFaultsAsync(KlaviyoEmulator emulator) => async context =>
    {
        if (await InspectionJson.ReadAsync(context).ConfigureAwait(false) is not { ValueKind: JsonValueKind.Object } body)
        {
            await InspectionJson.WriteErrorAsync(context, 400, "Expected a JSON object.").ConfigureAwait(false);
            return;
        }

        var faults = emulator.Faults;
        try
        {
            foreach (var property in body.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "throttle_rate": faults.ThrottleRate = property.Value.GetDouble(); break;
                    case "server_error_rate": faults.ServerErrorRate = property.Value.GetDouble(); break;
                    case "drop_connection_rate": faults.DropConnectionRate = property.Value.GetDouble(); break;
                    case "html_error_rate": faults.HtmlErrorRate = property.Value.GetDouble(); break;
                    case "latency_ms": faults.Latency = TimeSpan.FromMilliseconds(property.Value.GetDouble()); break;
                    case "retry_after_seconds": faults.RetryAfter = TimeSpan.FromSeconds(property.Value.GetDouble()); break;
                    case "server_error_status_code": faults.ServerErrorStatusCode = property.Value.GetInt32(); break;
                    case "html_error_status_code": faults.HtmlErrorStatusCode = property.Value.GetInt32(); break;
                    case "seed": faults.Seed = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetInt32(); break;
                    default: throw new ArgumentException($"Unknown fault setting '{property.Name}'.");
                }
            }
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            await InspectionJson.WriteErrorAsync(context, 400, exception.Message).ConfigureAwait(false);
            return;
        }

        await InspectionJson.WriteAsync(context, Describe(faults)).ConfigureAwait(false);
    };

    private static RequestDelegate ScheduleFaultAsync(KlaviyoEmulator emulator) => async context =>
    {
        if (await InspectionJson.ReadAsync(context).ConfigureAwait(false) is not { ValueKind: JsonValueKind.Object } body ||
            !body.TryGetProperty("kind", out var kindElement) ||
            !Enum.TryParse<EmulatorFaultKind>(kindElement.GetString()?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind))
        {
            await InspectionJson.WriteErrorAsync(context, 400,
                "Expected {\"kind\":\"throttle|server_error|drop_connection|html_error\",\"count\":1,\"path\":null,\"status_code\":null}.").ConfigureAwait(false);
            return;
        }

        try
        {
            int count = body.TryGetProperty("count", out var countElement) ? countElement.GetInt32() : 1;
            string? path = body.TryGetProperty("path", out var pathElement) ? pathElement.GetString() : null;
            int? status = body.TryGetProperty("status_code", out var statusElement) && statusElement.ValueKind == JsonValueKind.Number
                ? statusElement.GetInt32()
                : null;
            emulator.Faults.FailNext(kind, count, path, status);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            await InspectionJson.WriteErrorAsync(context, 400, exception.Message).ConfigureAwait(false);
            return;
        }

        await InspectionJson.WriteAsync(context, Describe(emulator.Faults)).ConfigureAwait(false);
    };

    private static RequestDelegate SetRateLimitingAsync(KlaviyoEmulator emulator) => async context =>
    {
        if (await InspectionJson.ReadAsync(context).ConfigureAwait(false) is not { ValueKind: JsonValueKind.Object } body ||
            !body.TryGetProperty("enabled", out var enabled) ||
            enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            await InspectionJson.WriteErrorAsync(context, 400, "Expected {\"enabled\":true|false}.").ConfigureAwait(false);
            return;
        }

        emulator.RateLimiting.Enabled = enabled.GetBoolean();
        await InspectionJson.WriteAsync(context, new { enabled = emulator.RateLimiting.Enabled }).ConfigureAwait(false);
    };

    private static RequestDelegate CreateListAsync(KlaviyoEmulator emulator) => async context =>
    {
        if (await InspectionJson.ReadAsync(context).ConfigureAwait(false) is not { ValueKind: JsonValueKind.Object } body ||
            !body.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            await InspectionJson.WriteErrorAsync(context, 400, "Expected {\"name\":\"...\",\"opt_in_process\":\"single_opt_in\"}.").ConfigureAwait(false);
            return;
        }

        string? optIn = body.TryGetProperty("opt_in_process", out var optInElement) ? optInElement.GetString() : null;
        try
        {
            var list = emulator.CreateList(name.GetString()!, optIn);
            await InspectionJson.WriteAsync(context, list, 201).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            await InspectionJson.WriteErrorAsync(context, 400, exception.Message).ConfigureAwait(false);
        }
    };
}
