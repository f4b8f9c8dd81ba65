using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;
using Klaviyo.Actions.Mapping.Kit;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// <c>useDefaults: true</c>: lays a user mapping over an action's default mapping. Each field the user maps
/// replaces the default; for object fields with declared sub-fields (<c>location</c>, <c>profile</c>) the merge
/// goes one level down, so mapping <c>profile.email</c> keeps the default <c>profile.external_id</c>. Mapping a
/// field (or sub-field) to <c>null</c> removes it.
/// </summary>
internal static class MappingMerge
{
    public static JsonElement Merge(KlaviyoActionDefinition action, JsonElement defaults, JsonElement user)
    {
        if (user.ValueKind != JsonValueKind.Object)
        {
            return user;
        }

        var merged = (JsonObject)JsonNodes.FromElement(defaults)!;
        foreach (var property in user.EnumerateObject())
        {
            var spec = action.Binder.Fields.FirstOrDefault(f => f.Key == property.Name);
            if (spec?.Properties is not null &&
                merged[property.Name] is JsonObject existing && !MappingEvaluator.IsDirective(JsonNodes.ToElement(existing)) &&
                property.Value.ValueKind == JsonValueKind.Object && !MappingEvaluator.IsDirective(property.Value))
            {
                foreach (var sub in property.Value.EnumerateObject())
                {
                    existing[sub.Name] = JsonNodes.FromElement(sub.Value);
                }
            }
            else
            {
                merged[property.Name] = JsonNodes.FromElement(property.Value);
            }
        }

        return JsonNodes.ToElement(merged);
    }
}
