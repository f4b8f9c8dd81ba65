using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Mapping.Classic;

/// <summary>
/// Classic mode: maps identify and track calls the way Segment's classic "Klaviyo" destination did (seed docs
/// and spec §10), onto today's typed requests.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>identify → Upsert Profile: traits per <see cref="ClassicTraits"/>, other traits as custom
/// properties; <c>userId</c> → external id unless Enforce Email is on; list from
/// <c>integrations.Klaviyo.listId</c> or the <c>listId</c> setting, joined by subscription (confirm opt-in) or
/// directly (no confirm opt-in).</description></item>
/// <item><description>track → Track Event: event name, properties, <c>revenue</c> → value; email from
/// <c>properties.email</c>, <c>context.traits.email</c> or an email <c>userId</c>.</description></item>
/// <item><description>Order Completed → the order event ("Order Completed", or "Placed Order" with Use Segment Spec
/// off) with <c>unique_id</c> = <c>eventId</c> or <c>orderId</c>, plus one "Ordered Product" per product with
/// <c>unique_id</c> = <c>&lt;orderId&gt;_&lt;productId | id | sku&gt;</c>, value = price, and
/// <c>productUrl</c>/<c>imageUrl</c> renamed "Product URL"/"Image URL".</description></item>
/// </list>
/// Without a user id (or, with Fallback on Anonymous ID, an anonymous id) the call is invalid, as classic
/// server-side calls required one. A bad field costs only itself, reported as a warning
/// (<see cref="ClassicMappingResult.Warnings"/>) while the rest is sent: a product without an id or with a
/// non-numeric price loses its Ordered Product event; a phone that cannot be converted to E.164 is left out of the
/// profile; a non-numeric revenue leaves the value out; without an email the profile is upserted but not added to
/// the list. The event time is <c>timestamp</c>, else <c>originalTimestamp</c>.
/// </remarks>
internal static class ClassicMapper
{
    public const string OrderCompletedEvent = "Order Completed";
    public const string PlacedOrderEvent = "Placed Order";
    public const string OrderedProductEvent = "Ordered Product";

    public static ClassicMappingResult Map(SegmentEvent segmentEvent, ClassicSettings settings) => segmentEvent.Type switch
    {
        SegmentEventType.Identify => MapIdentify(segmentEvent, settings),
        SegmentEventType.Track when segmentEvent.Event == OrderCompletedEvent => MapOrder(segmentEvent, settings),
        SegmentEventType.Track => MapTrack(segmentEvent, settings),
        _ => new ClassicMappingResult(segmentEvent.TypeName, [], [], SkipReason.UnsupportedEventType),
    };

    private static ClassicMappingResult MapIdentify(SegmentEvent e, ClassicSettings settings)
    {
        var errors = new List<KlaviyoValidationError>();
        var warnings = new List<KlaviyoValidationError>();
        var traits = e.Traits is { } t ? (JsonObject)JsonNodes.FromElement(t)! : new JsonObject();
        string? id = Identity(e, settings, errors);
        string? email = Text(traits, ClassicTraits.Email) ?? EmailUserId(e);
        if (settings.EnforceEmail && email is null)
        {
            errors.Add(new("traits.email", "required", "Enforce email as primary identifier is on, so identify needs traits.email or an email user id."));
        }

        string? listId = Override(e, "listId") is { } overrideList && JsonNodes.TryGetString(overrideList, out string l) && l.Length > 0 ? l : settings.ListId;
        bool confirm = Override(e, "confirmOptin") is { } c && JsonNodes.KindOf(c) is JsonValueKind.True or JsonValueKind.False
            ? JsonNodes.KindOf(c) == JsonValueKind.True
            : settings.ConfirmOptin;
        if (errors.Count > 0)
        {
            return new ClassicMappingResult("identify", [], errors);
        }

        if (listId is not null && email is null)
        {
            // The email requirement is the list add's only: the profile is still upserted.
            warnings.Add(new("traits.email", "required_for_list", "Adding to a list needs traits.email or an email user id, so the profile was updated without the list add."));
            listId = null;
        }

        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in traits)
        {
            if (!ClassicTraits.Consumed.Contains(key) && value is not null)
            {
                properties[key] = JsonNodes.ToClr(value);
            }
        }

        bool subscribe = listId is not null && confirm;
        var upsert = new UpsertProfileRequest
        {
            Email = email,
            PhoneNumber = Phone(traits, warnings),
            ExternalId = settings.EnforceEmail ? null : id,
            FirstName = Attribute(traits, ClassicTraits.FirstName),
            LastName = Attribute(traits, ClassicTraits.LastName),
            Title = Attribute(traits, ClassicTraits.Title),
            Organization = Attribute(traits, ClassicTraits.Organization),
            Location = Location(traits),
            Properties = properties.Count == 0 ? null : properties,
            ListId = subscribe ? null : listId,
        };

        var actions = new List<KlaviyoAction> { new UpsertProfileAction(upsert) };
        if (subscribe)
        {
            actions.Add(new SubscribeProfileAction(new SubscribeProfileRequest
            {
                Email = email,
                ListId = listId,
                Channels = ConsentChannels.EmailMarketing,
            }));
        }

        return new ClassicMappingResult("identify", actions, []) { Warnings = warnings };
    }

    private static ClassicMappingResult MapTrack(SegmentEvent e, ClassicSettings settings)
    {
        var errors = new List<KlaviyoValidationError>();
        var warnings = new List<KlaviyoValidationError>();
        var properties = e.Properties is { } p ? (JsonObject)JsonNodes.FromElement(p)! : new JsonObject();
        var profile = Profile(e, settings, properties, errors);
        if (errors.Count > 0)
        {
            return new ClassicMappingResult("track", [], errors);
        }

        decimal? value = Number(properties, "revenue", "properties.revenue", "the event was sent without a value", warnings);
        return new ClassicMappingResult("track", [new TrackEventAction(new TrackEventRequest
        {
            Profile = profile!,
            MetricName = e.Event!,
            Properties = JsonNodes.ToDictionary(properties),
            Time = Time(e, warnings),
            Value = value,
            UniqueId = e.MessageId,
        })], []) { Warnings = warnings };
    }

    private static ClassicMappingResult MapOrder(SegmentEvent e, ClassicSettings settings)
    {
        var errors = new List<KlaviyoValidationError>();
        var warnings = new List<KlaviyoValidationError>();
        var properties = e.Properties is { } p ? (JsonObject)JsonNodes.FromElement(p)! : new JsonObject();
        var profile = Profile(e, settings, properties, errors);
        if (errors.Count > 0)
        {
            return new ClassicMappingResult("orderCompleted", [], errors);
        }

        decimal? revenue = Number(properties, "revenue", "properties.revenue", "the order was sent without a value", warnings);
        DateTimeOffset? time = Time(e, warnings);
        string? orderId = Text(properties, "orderId", "order_id");
        string? eventId = Text(properties, "eventId") ?? orderId ?? e.MessageId;
        string? productKeyPrefix = orderId ?? eventId;
        var products = Products(properties, warnings);

        var actions = new List<KlaviyoAction>
        {
            new TrackEventAction(new TrackEventRequest
            {
                Profile = profile!,
                MetricName = settings.UseSegmentSpec ? OrderCompletedEvent : PlacedOrderEvent,
                Properties = JsonNodes.ToDictionary(properties),
                Time = time,
                Value = revenue,
                UniqueId = eventId,
            }),
        };

        foreach (var (index, product) in products)
        {
            // A product that cannot make a valid Ordered Product event loses that event only: the order and the
            // other products are still sent.
            string? productId = Text(product, "productId", "product_id", "id", "sku");
            if (productId is null)
            {
                warnings.Add(new($"properties.products[{index}]", "required", "Each product needs a productId, id or sku (its Ordered Product event id is built from it), so this product's Ordered Product event was not sent."));
                continue;
            }

            if (!TryNumber(product, "price", out decimal? price))
            {
                warnings.Add(new($"properties.products[{index}].price", "type", "The product's price must be a number, so this product's Ordered Product event was not sent."));
                continue;
            }

            var productProperties = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in product)
            {
                string name = key switch
                {
                    "productUrl" => "Product URL",
                    "imageUrl" => "Image URL",
                    _ => key,
                };
                productProperties[name] = JsonNodes.ToClr(value);
            }

            actions.Add(new TrackEventAction(new TrackEventRequest
            {
                Profile = profile!,
                MetricName = OrderedProductEvent,
                Properties = productProperties,
                Time = time,
                Value = price,
                UniqueId = $"{productKeyPrefix}_{productId}",
            }));
        }

        return new ClassicMappingResult("orderCompleted", actions, []) { Warnings = warnings };
    }

    private static EventProfile? Profile(SegmentEvent e, ClassicSettings settings, JsonObject properties, List<KlaviyoValidationError> errors)
    {
        string? id = Identity(e, settings, errors);
        string? email = Text(properties, "email") ?? ContextEmail(e) ?? EmailUserId(e);
        if (settings.EnforceEmail && email is null)
        {
            errors.Add(new("properties.email", "required", "Enforce email as primary identifier is on, so track needs properties.email, context.traits.email or an email user id."));
        }

        return errors.Count > 0 ? null : new EventProfile { Email = email, ExternalId = settings.EnforceEmail ? null : id };
    }

    private static string? Identity(SegmentEvent e, ClassicSettings settings, List<KlaviyoValidationError> errors)
    {
        if (!string.IsNullOrEmpty(e.UserId))
        {
            return e.UserId;
        }

        if (settings.SendAnonymous && !string.IsNullOrEmpty(e.AnonymousId))
        {
            return e.AnonymousId;
        }

        errors.Add(new("userId", "required", settings.SendAnonymous
            ? "Classic server-side calls need a userId or an anonymousId."
            : "Classic server-side calls need a userId (turn on Fallback on Anonymous ID to use the anonymousId)."));
        return null;
    }

    private static string? EmailUserId(SegmentEvent e) =>
        e.UserId is { } userId && userId.Contains('@', StringComparison.Ordinal) && !userId.StartsWith('@') && !userId.EndsWith('@') ? userId : null;

    private static string? ContextEmail(SegmentEvent e) =>
        SegmentPath.TryGet(e.Json, ["context", "traits", "email"], out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0
            ? value.GetString()
            : null;

    private static JsonNode? Override(SegmentEvent e, string key) =>
        SegmentPath.TryGet(e.Json, ["integrations", "Klaviyo", key], out var value) ? JsonNodes.FromElement(value) : null;

    private static string? Text(JsonObject obj, params string[] keys)
    {
        foreach (string key in keys)
        {
            if (obj.TryGetPropertyValue(key, out var node) && JsonNodes.KindOf(node) is JsonValueKind.String or JsonValueKind.Number)
            {
                string text = JsonNodes.JsString(node);
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static Optional<string?> Attribute(JsonObject traits, string key) =>
        Text(traits, key) is { } value ? new Optional<string?>(value) : Optional<string?>.Absent;

    private static Optional<ProfileLocation?> Location(JsonObject traits)
    {
        var location = new ProfileLocation
        {
            City = Attribute(traits, ClassicTraits.City),
            Region = Text(traits, ClassicTraits.Region) is { } region ? new Optional<string?>(region) : Optional<string?>.Absent,
            Country = Attribute(traits, ClassicTraits.Country),
            Zip = Attribute(traits, ClassicTraits.Zip),
            Timezone = Attribute(traits, ClassicTraits.Timezone),
        };
        return location.IsEmpty ? Optional<ProfileLocation?>.Absent : location;
    }

    /// <summary>
    /// The phone trait (<c>phoneNumber</c>, else <c>phone</c>) in E.164, read with <c>traits.country</c> when that is
    /// an ISO country code; a phone that cannot be converted is left out with a warning (the classic destination sent
    /// it as given; today's API refuses the whole profile for it).
    /// </summary>
    private static string? Phone(JsonObject traits, List<KlaviyoValidationError> warnings)
    {
        foreach (string key in ClassicTraits.Phone)
        {
            if (Text(traits, key) is not { } phone)
            {
                continue;
            }

            string? country = Text(traits, ClassicTraits.Country) is { } c && CountryCodes.IsValid(c) ? c : null;
            if (PhoneNumberNormalizer.TryNormalize(phone, country, out string? e164))
            {
                return e164;
            }

            warnings.Add(new($"traits.{key}", KlaviyoValidationRules.PhoneE164, "The phone number could not be converted to E.164 (a number without + needs an ISO country in traits.country), so the profile was updated without it."));
            return null;
        }

        return null;
    }

    /// <summary>The event time: <c>timestamp</c>, else <c>originalTimestamp</c>, else none (Klaviyo uses the arrival time).</summary>
    private static DateTimeOffset? Time(SegmentEvent e, List<KlaviyoValidationError> warnings)
    {
        if (e.Timestamp is { } timestamp)
        {
            return timestamp;
        }

        if (!SegmentPath.TryGet(e.Json, ["originalTimestamp"], out var original) || original.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (original.ValueKind == JsonValueKind.String && SegmentDateTime.TryParse(original.GetString()!, out var parsed))
        {
            return parsed;
        }

        warnings.Add(new("originalTimestamp", "datetime", "originalTimestamp is not an ISO 8601 date-time, so the event was sent with the arrival time."));
        return null;
    }

    /// <summary>A number field; a value that is not a number is left out with a warning.</summary>
    private static decimal? Number(JsonObject obj, string key, string field, string consequence, List<KlaviyoValidationError> warnings)
    {
        if (TryNumber(obj, key, out decimal? value))
        {
            return value;
        }

        warnings.Add(new(field, "type", $"{field} must be a number, so {consequence}."));
        return null;
    }

    /// <summary>Reads a number (or numeric text); <see langword="false"/> only when the field holds something else.</summary>
    private static bool TryNumber(JsonObject obj, string key, out decimal? value)
    {
        value = null;
        if (!obj.TryGetPropertyValue(key, out var node) || node is null)
        {
            return true;
        }

        if (JsonNodes.TryGetDecimal(node, out decimal number) ||
            (JsonNodes.TryGetString(node, out string text) && Binding.PayloadReader.TryParseNumber(text, out number)))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>The products with their index; entries that are not objects are left out with a warning.</summary>
    private static List<(int Index, JsonObject Product)> Products(JsonObject properties, List<KlaviyoValidationError> warnings)
    {
        var result = new List<(int, JsonObject)>();
        if (!properties.TryGetPropertyValue("products", out var node) || node is null)
        {
            return result;
        }

        if (node is JsonObject single)
        {
            result.Add((0, single));
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject item)
                {
                    result.Add((i, item));
                }
                else
                {
                    warnings.Add(new($"properties.products[{i}]", "type", "Each product must be an object, so this product's Ordered Product event was not sent."));
                }
            }
        }
        else
        {
            warnings.Add(new("properties.products", "type", "properties.products must be an array of products, so no Ordered Product events were sent."));
        }

        return result;
    }
}
