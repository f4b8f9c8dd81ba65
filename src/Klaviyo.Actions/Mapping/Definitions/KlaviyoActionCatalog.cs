using Klaviyo.Actions.Mapping.Binding;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// The eight Klaviyo (Actions) actions with Segment's default triggers and mappings
/// (<c>@segment/action-destinations</c> 3.497.0).
/// </summary>
/// <remarks>
/// Defaults are what Segment's mapping editor pre-fills for a new mapping, including the sub-field defaults of
/// <c>profile</c> (<c>external_id</c> from <c>userId</c>, <c>anonymous_id</c> from <c>anonymousId</c>) and the
/// <c>enable_batching</c>/<c>batch_size</c> defaults. Deliberate differences from Segment:
/// <list type="number">
/// <item><description><c>removeProfile</c>'s default trigger is <c>type = "identify"</c>. Segment ships
/// <c>type = "Identify"</c>, which never matches because call types are lower-case; the capital I is a slip and
/// an identify-shaped payload (<c>traits.email</c>, <c>traits.phone</c>) is what the action's defaults read.
/// A pasted trigger is still evaluated exactly as written.</description></item>
/// <item><description><c>orderCompleted</c>'s default trigger is <c>type = "track" and event = "Order Completed"</c>.
/// Segment ships <c>type = "track"</c>, which turns every track call into an order.</description></item>
/// <item><description><c>upsertProfile</c>'s default <c>phone_number</c> reads <c>traits.phone</c> and falls back to
/// <c>context.traits.phone</c>. Segment reads only <c>context.traits.phone</c>, so an identify call's phone was
/// never sent.</description></item>
/// <item><description><c>orderCompleted</c> maps <c>products</c> from <c>properties.products</c> by default, so one
/// "Ordered Product" event is sent per product. Segment has no default and sends product events only when
/// <c>products</c> is mapped by hand.</description></item>
/// </list>
/// </remarks>
public static class KlaviyoActionCatalog
{
    private static readonly KlaviyoActionDefinition[] Definitions =
    [
        new(
            KlaviyoActionSlugs.UpsertProfile,
            "Upsert Profile",
            "type = \"identify\"",
            "type = \"identify\"",
            """
            {
              "email": { "@path": "$.traits.email" },
              "phone_number": {
                "@if": {
                  "exists": { "@path": "$.traits.phone" },
                  "then": { "@path": "$.traits.phone" },
                  "else": { "@path": "$.context.traits.phone" }
                }
              },
              "first_name": { "@path": "$.traits.firstName" },
              "last_name": { "@path": "$.traits.lastName" },
              "organization": { "@path": "$.traits.company.name" },
              "title": { "@path": "$.traits.title" },
              "image": { "@path": "$.traits.avatar" },
              "location": {
                "city": { "@path": "$.traits.address.city" },
                "region": { "@path": "$.traits.address.state" },
                "zip": { "@path": "$.traits.address.postal_code" },
                "address1": { "@path": "$.traits.address.street" },
                "country": { "@path": "$.traits.address.country" }
              },
              "properties": { "@path": "$.properties" },
              "batch_size": 10000,
              "override_list_id": { "@path": "$.integrations.Klaviyo.listId" }
            }
            """,
            new UpsertProfileBinder(),
            new BatchSizeRange(10000, 100, 10000),
            [ReverseEtlChangeType.Added, ReverseEtlChangeType.Updated],
            [ReverseEtlChangeType.Added, ReverseEtlChangeType.Updated]),
        new(
            KlaviyoActionSlugs.TrackEvent,
            "Track Event",
            "type = \"track\"",
            "type = \"track\"",
            """
            {
              "profile": {
                "external_id": { "@path": "$.userId" },
                "anonymous_id": { "@path": "$.anonymousId" }
              },
              "metric_name": { "@path": "$.event" },
              "properties": { "@path": "$.properties" },
              "time": { "@path": "$.timestamp" },
              "unique_id": { "@path": "$.messageId" },
              "enable_batching": true,
              "batch_size": 1000
            }
            """,
            new TrackEventBinder(),
            new BatchSizeRange(1000, 100, 1000),
            [ReverseEtlChangeType.Added],
            [ReverseEtlChangeType.Added]),
        new(
            KlaviyoActionSlugs.OrderCompleted,
            "Order Completed",
            "type = \"track\" and event = \"Order Completed\"",
            "type = \"track\"",
            """
            {
              "profile": {
                "external_id": { "@path": "$.userId" },
                "anonymous_id": { "@path": "$.anonymousId" }
              },
              "properties": { "@path": "$.properties" },
              "time": { "@path": "$.timestamp" },
              "unique_id": { "@path": "$.messageId" },
              "products": { "@path": "$.properties.products" },
              "event_name": "Order Completed",
              "product_event_name": "Ordered Product"
            }
            """,
            new OrderCompletedBinder(),
            null,
            [ReverseEtlChangeType.Added],
            [ReverseEtlChangeType.Added]),
        new(
            KlaviyoActionSlugs.SubscribeProfile,
            "Subscribe Profile",
            "type = \"track\" and event = \"User Subscribed\"",
            "type = \"track\" and event = \"User Subscribed\"",
            """
            {
              "email": {
                "@if": {
                  "exists": { "@path": "$.traits.email" },
                  "then": { "@path": "$.traits.email" },
                  "else": { "@path": "$.context.traits.email" }
                }
              },
              "phone_number": {
                "@if": {
                  "exists": { "@path": "$.traits.phone" },
                  "then": { "@path": "$.traits.phone" },
                  "else": { "@path": "$.context.traits.phone" }
                }
              },
              "custom_source": "-59",
              "historical_import": false,
              "consented_at": { "@path": "$.timestamp" },
              "batch_size": 1000
            }
            """,
            new SubscribeProfileBinder(),
            new BatchSizeRange(1000, 100, 1000),
            [ReverseEtlChangeType.Added, ReverseEtlChangeType.Deleted],
            [ReverseEtlChangeType.Added]),
        new(
            KlaviyoActionSlugs.UnsubscribeProfile,
            "Unsubscribe Profile",
            "type = \"track\" and event = \"User Unsubscribed\"",
            "type = \"track\" and event = \"User Unsubscribed\"",
            """
            {
              "email": {
                "@if": {
                  "exists": { "@path": "$.traits.email" },
                  "then": { "@path": "$.traits.email" },
                  "else": { "@path": "$.context.traits.email" }
                }
              },
              "phone_number": {
                "@if": {
                  "exists": { "@path": "$.traits.phone" },
                  "then": { "@path": "$.traits.phone" },
                  "else": { "@path": "$.context.traits.phone" }
                }
              },
              "batch_size": 100
            }
            """,
            new UnsubscribeProfileBinder(),
            new BatchSizeRange(100, 50, 100),
            [ReverseEtlChangeType.Added, ReverseEtlChangeType.Deleted],
            [ReverseEtlChangeType.Deleted]),
        new(
            KlaviyoActionSlugs.AddProfileToList,
            "Add Profile to List (Engage)",
            "event = \"Audience Entered\"",
            "event = \"Audience Entered\"",
            """
            {
              "email": { "@path": "$.context.traits.email" },
              "phone_number": { "@path": "$.context.traits.phone" },
              "list_id": {
                "@if": {
                  "exists": { "@path": "$.context.personas.audience_settings.listId" },
                  "then": { "@path": "$.context.personas.audience_settings.listId" },
                  "else": { "@path": "$.context.personas.external_audience_id" }
                }
              },
              "enable_batching": true,
              "batch_size": 10000,
              "first_name": { "@path": "$.properties.firstName" },
              "last_name": { "@path": "$.properties.lastName" },
              "image": { "@path": "$.properties.avatar" },
              "title": { "@path": "$.properties.title" },
              "organization": { "@path": "$.properties.company.name" },
              "location": {
                "city": { "@path": "$.properties.address.city" },
                "region": { "@path": "$.properties.address.state" },
                "zip": { "@path": "$.properties.address.postal_code" },
                "address1": { "@path": "$.properties.address.street" },
                "country": { "@path": "$.properties.address.country" }
              },
              "properties": { "@path": "$.properties.properties" }
            }
            """,
            new AddProfileToListBinder(),
            new BatchSizeRange(10000, 100, 10000),
            [],
            []),
        new(
            KlaviyoActionSlugs.RemoveProfileFromList,
            "Remove Profile from List (Engage)",
            "event = \"Audience Exited\"",
            "event = \"Audience Exited\"",
            """
            {
              "email": { "@path": "$.context.traits.email" },
              "list_id": {
                "@if": {
                  "exists": { "@path": "$.context.personas.audience_settings.listId" },
                  "then": { "@path": "$.context.personas.audience_settings.listId" },
                  "else": { "@path": "$.context.personas.external_audience_id" }
                }
              },
              "phone_number": { "@path": "$.context.traits.phone" },
              "enable_batching": true,
              "batch_size": 1000
            }
            """,
            new RemoveProfileFromListBinder(),
            new BatchSizeRange(1000, 100, 1000),
            [],
            []),
        new(
            KlaviyoActionSlugs.RemoveProfile,
            "Remove Profile",
            "type = \"identify\"",
            "type = \"Identify\"",
            """
            {
              "email": { "@path": "$.traits.email" },
              "enable_batching": true,
              "batch_size": 1000,
              "phone_number": { "@path": "$.traits.phone" }
            }
            """,
            new RemoveProfileBinder(),
            new BatchSizeRange(1000, 100, 1000),
            [ReverseEtlChangeType.Added, ReverseEtlChangeType.Deleted],
            [ReverseEtlChangeType.Deleted]),
    ];

    /// <summary>Every action, in Segment's catalogue order.</summary>
    public static IReadOnlyList<KlaviyoActionDefinition> All => Definitions;

    /// <summary>Finds an action by Segment slug (case-sensitive, e.g. <c>upsertProfile</c>).</summary>
    /// <param name="slug">The slug.</param>
    /// <param name="definition">The action, when known.</param>
    /// <returns>Whether the slug is known.</returns>
    public static bool TryGet(string? slug, out KlaviyoActionDefinition? definition)
    {
        definition = Definitions.FirstOrDefault(d => d.Slug == slug);
        return definition is not null;
    }

    /// <summary>Gets an action by Segment slug.</summary>
    /// <param name="slug">The slug.</param>
    /// <exception cref="ArgumentException">The slug is unknown (the message lists the known ones).</exception>
    public static KlaviyoActionDefinition Get(string slug) =>
        TryGet(slug, out var definition)
            ? definition!
            : throw new ArgumentException($"Unknown Klaviyo action '{slug}'. Known actions: {string.Join(", ", Definitions.Select(d => d.Slug))}.", nameof(slug));
}
