using System.Text.Json;
using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// Writes <see cref="EventProfileData"/>: the typed identifiers (omitted when null or empty), then
/// <see cref="EventProfile.AdditionalAttributes"/> through <see cref="KlaviyoValueWriter"/>. An extra attribute
/// named like a typed identifier is rejected (rule <c>reserved_key</c>) rather than silently overriding or
/// being overridden. Write-only.
/// </summary>
internal sealed class EventProfileDataConverter : JsonConverter<EventProfileData>
{
    private const string Path = "profile";

    private static readonly string[] Identifiers = ["email", "phone_number", "external_id", "anonymous_id"];

    public override EventProfileData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Event profiles are only written.");

    public override void Write(Utf8JsonWriter writer, EventProfileData value, JsonSerializerOptions options) =>
        Write(writer, value.Profile, value.MetaBesideAttributes);

    /// <summary>Writes <c>{"type":"profile","attributes":{…}}</c> (see <see cref="EventProfileData"/>).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="profile">The profile (normalized).</param>
    /// <param name="metaBesideAttributes">Whether an extra <c>meta</c> attribute goes beside <c>attributes</c> (bulk) or inside.</param>
    /// <exception cref="WireValueException">An extra attribute is reserved, unsupported or too deep.</exception>
    public static void Write(Utf8JsonWriter writer, EventProfile profile, bool metaBesideAttributes)
    {
        var extra = profile.AdditionalAttributes;
        object? meta = null;
        bool hasMetaBeside = false;

        writer.WriteStartObject();
        writer.WriteString("type", ResourceTypes.Profile);
        writer.WriteStartObject("attributes");
        WriteIfSet(writer, "email", profile.Email);
        WriteIfSet(writer, "phone_number", profile.PhoneNumber);
        WriteIfSet(writer, "external_id", profile.ExternalId);
        WriteIfSet(writer, "anonymous_id", profile.AnonymousId);
        if (extra is not null)
        {
            foreach (var (key, item) in extra)
            {
                if (Array.IndexOf(Identifiers, key) >= 0)
                {
                    throw new WireValueException(
                        $"{Path}.{key}",
                        ValueRules.ReservedKey,
                        $"'{Path}.{key}' must be set through the typed EventProfile property, not AdditionalAttributes.");
                }

                if (metaBesideAttributes && key == EventProfileData.MetaKey)
                {
                    meta = item;
                    hasMetaBeside = true;
                    continue;
                }

                writer.WritePropertyName(key);
                KlaviyoValueWriter.WriteValue(writer, item, $"{Path}.{key}", parentDepth: 1);
            }
        }

        writer.WriteEndObject();
        if (hasMetaBeside)
        {
            writer.WritePropertyName(EventProfileData.MetaKey);
            KlaviyoValueWriter.WriteValue(writer, meta, $"{Path}.{EventProfileData.MetaKey}", parentDepth: 1);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            WireText.Write(writer, name, value);
        }
    }
}
