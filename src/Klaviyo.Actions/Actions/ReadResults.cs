using System.Text.Json;

namespace Klaviyo.Actions;

/// <summary>One page of a Klaviyo collection read with <see cref="IKlaviyoReadClient"/>.</summary>
/// <typeparam name="T">The resource.</typeparam>
/// <param name="Items">The resources of this page, in the order Klaviyo returned them.</param>
/// <param name="HasNextPage">Whether Klaviyo named a next page (<c>links.next</c>).</param>
public sealed record KlaviyoPage<T>(IReadOnlyList<T> Items, bool HasNextPage);

/// <summary>A profile's address and time zone as Klaviyo stores them (<c>location</c>).</summary>
/// <param name="Address1">First address line.</param>
/// <param name="Address2">Second address line.</param>
/// <param name="City">City.</param>
/// <param name="Region">Region or state.</param>
/// <param name="Zip">Postal code.</param>
/// <param name="Country">Country.</param>
/// <param name="Timezone">IANA time zone.</param>
public sealed record KlaviyoProfileLocation(
    string? Address1,
    string? Address2,
    string? City,
    string? Region,
    string? Zip,
    string? Country,
    string? Timezone);

/// <summary>A profile read from Klaviyo (<c>GET /api/profiles</c>). Holds personal data: never log it.</summary>
public sealed record KlaviyoProfile
{
    /// <summary>Klaviyo's profile id.</summary>
    public required string Id { get; init; }

    /// <summary><c>email</c>.</summary>
    public string? Email { get; init; }

    /// <summary><c>phone_number</c> (E.164).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>external_id</c>.</summary>
    public string? ExternalId { get; init; }

    /// <summary><c>first_name</c>.</summary>
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>.</summary>
    public string? LastName { get; init; }

    /// <summary><c>organization</c>.</summary>
    public string? Organization { get; init; }

    /// <summary><c>title</c>.</summary>
    public string? Title { get; init; }

    /// <summary><c>image</c> (a URL).</summary>
    public string? Image { get; init; }

    /// <summary><c>locale</c>, e.g. <c>en-US</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>When the profile was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the profile last changed (<c>updated</c>); <see cref="DateTimeOffset.MinValue"/> when Klaviyo sent none.</summary>
    public DateTimeOffset Updated { get; init; }

    /// <summary><c>location</c>, when Klaviyo sent one.</summary>
    public KlaviyoProfileLocation? Location { get; init; }

    /// <summary>Custom properties (<c>properties</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}

/// <summary>An event read from Klaviyo (<c>GET /api/events</c> with its metric and profile included).</summary>
public sealed record KlaviyoEvent
{
    /// <summary>Klaviyo's event id.</summary>
    public required string Id { get; init; }

    /// <summary>The event's metric id.</summary>
    public string? MetricId { get; init; }

    /// <summary>The metric's name, e.g. <c>Placed Order</c>, when Klaviyo included the metric.</summary>
    public string? MetricName { get; init; }

    /// <summary>The event's profile id.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The included profile, when Klaviyo included it. Holds personal data.</summary>
    public KlaviyoProfile? Profile { get; init; }

    /// <summary>When the event happened (<c>datetime</c>).</summary>
    public DateTimeOffset Datetime { get; init; }

    /// <summary><c>uuid</c>.</summary>
    public string? Uuid { get; init; }

    /// <summary><c>event_properties</c> (an object; <see cref="JsonValueKind.Undefined"/> when absent).</summary>
    public JsonElement Properties { get; init; }
}

/// <summary>A Klaviyo metric (an event type).</summary>
/// <param name="Id">The metric id, as <c>equals(metric_id,…)</c> takes it.</param>
/// <param name="Name">The metric name, e.g. <c>Placed Order</c>.</param>
/// <param name="IntegrationName">The integration that records it (e.g. <c>API</c>, <c>Shopify</c>), when known.</param>
public sealed record KlaviyoMetric(string Id, string Name, string? IntegrationName);
