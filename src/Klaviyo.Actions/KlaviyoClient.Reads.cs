using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions;

public partial class KlaviyoClient : IKlaviyoReadClient
{
    /// <summary>Klaviyo's largest <c>page[size]</c> for <c>GET /api/profiles</c>.</summary>
    public const int MaxProfilePageSize = 100;

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<KlaviyoPage<KlaviyoProfile>> GetProfilesUpdatedAfterAsync(
        DateTimeOffset updatedAfter,
        int pageSize = MaxProfilePageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxProfilePageSize);
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.GetUpdatedProfiles);

        string filter = KlaviyoFilter.QueryParameter(KlaviyoFilter.GreaterThan("updated", updatedAfter));
        string? path = string.Create(CultureInfo.InvariantCulture, $"api/profiles?{filter}&sort=updated&page[size]={pageSize}");
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (path is not null && visited.Add(path))
        {
            var response = await _transport.SendAsync(KlaviyoOperation.GetProfiles, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ProfileReadCollectionResponse, "GET api/profiles");
            var profiles = new List<KlaviyoProfile>(page.Data?.Count ?? 0);
            foreach (var data in page.Data ?? [])
            {
                if (ToProfile(data.Id, data.Attributes) is { } profile)
                {
                    profiles.Add(profile);
                }
            }

            path = KlaviyoPaging.NextPath(page.Links?.Next);
            yield return new KlaviyoPage<KlaviyoProfile>(profiles, path is not null);
        }
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<KlaviyoPage<KlaviyoEvent>> GetEventsAfterAsync(
        DateTimeOffset after,
        string? metricId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.GetEvents);

        string datetime = KlaviyoFilter.GreaterThan("datetime", after);
        string filter = KlaviyoFilter.QueryParameter(metricId is null ? datetime : KlaviyoFilter.And(datetime, KlaviyoFilter.EqualTo("metric_id", metricId)));
        string? path = $"api/events?{filter}&sort=datetime&include=metric,profile";
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (path is not null && visited.Add(path))
        {
            var response = await _transport.SendAsync(KlaviyoOperation.GetEvents, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.EventReadCollectionResponse, "GET api/events");
            var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
            var profiles = new Dictionary<string, KlaviyoProfile>(StringComparer.Ordinal);
            ReadIncluded(page.Included, metrics, profiles);

            var events = new List<KlaviyoEvent>(page.Data?.Count ?? 0);
            foreach (var data in page.Data ?? [])
            {
                if (data.Id is not { Length: > 0 } id)
                {
                    continue;
                }

                string? metric = data.Relationships?.Metric?.Data?.Id;
                string? profileId = data.Relationships?.Profile?.Data?.Id;
                events.Add(new KlaviyoEvent
                {
                    Id = id,
                    MetricId = metric,
                    MetricName = metric is not null && metrics.TryGetValue(metric, out string? name) ? name : null,
                    ProfileId = profileId,
                    Profile = profileId is not null && profiles.TryGetValue(profileId, out var profile) ? profile : null,
                    Datetime = data.Attributes?.Datetime ?? DateTimeOffset.MinValue,
                    Uuid = data.Attributes?.Uuid,
                    Properties = data.Attributes?.EventProperties ?? default,
                });
            }

            path = KlaviyoPaging.NextPath(page.Links?.Next);
            yield return new KlaviyoPage<KlaviyoEvent>(events, path is not null);
        }
    }

    /// <inheritdoc />
    public virtual async Task<IReadOnlyList<KlaviyoMetric>> GetMetricsAsync(CancellationToken cancellationToken = default)
    {
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.GetMetrics);

        var found = new List<KlaviyoMetric>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? path = "api/metrics";
        while (path is not null && visited.Add(path))
        {
            var response = await _transport.SendAsync(KlaviyoOperation.GetMetrics, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.MetricCollectionResponse, "GET api/metrics");
            foreach (var data in page.Data ?? [])
            {
                if (data is { Id: { Length: > 0 } id, Attributes.Name: { } name })
                {
                    found.Add(new KlaviyoMetric(id, name, data.Attributes.Integration?.Name));
                }
            }

            path = KlaviyoPaging.NextPath(page.Links?.Next);
        }

        return found;
    }

    /// <summary>Reads <c>included</c>: metric names and profiles by id. Resources of other types are ignored.</summary>
    private static void ReadIncluded(IReadOnlyList<IncludedResource>? included, Dictionary<string, string> metrics, Dictionary<string, KlaviyoProfile> profiles)
    {
        foreach (var resource in included ?? [])
        {
            if (resource.Id is not { Length: > 0 } id || resource.Attributes.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            switch (resource.Type)
            {
                case ResourceTypes.Metric:
                    if (resource.Attributes.Deserialize(KlaviyoJsonContext.Default.MetricReadAttributes)?.Name is { } name)
                    {
                        metrics[id] = name;
                    }

                    break;
                case ResourceTypes.Profile:
                    if (ToProfile(id, resource.Attributes.Deserialize(KlaviyoJsonContext.Default.ProfileReadAttributes)) is { } profile)
                    {
                        profiles[id] = profile;
                    }

                    break;
            }
        }
    }

    private static KlaviyoProfile? ToProfile(string? id, ProfileReadAttributes? attributes)
    {
        if (id is not { Length: > 0 })
        {
            return null;
        }

        var location = attributes?.Location;
        return new KlaviyoProfile
        {
            Id = id,
            Email = attributes?.Email,
            PhoneNumber = attributes?.PhoneNumber,
            ExternalId = attributes?.ExternalId,
            FirstName = attributes?.FirstName,
            LastName = attributes?.LastName,
            Organization = attributes?.Organization,
            Title = attributes?.Title,
            Image = attributes?.Image,
            Locale = attributes?.Locale,
            Created = attributes?.Created,
            Updated = attributes?.Updated ?? DateTimeOffset.MinValue,
            Location = location is null ? null : new KlaviyoProfileLocation(location.Address1, location.Address2, location.City, location.Region, location.Zip, location.Country, location.Timezone),
            Properties = attributes?.Properties ?? new Dictionary<string, JsonElement>(StringComparer.Ordinal),
        };
    }
}
