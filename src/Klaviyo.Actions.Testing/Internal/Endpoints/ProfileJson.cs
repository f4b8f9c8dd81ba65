using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Writes profile resources as Klaviyo returns them (every attribute, <c>null</c> when unset).</summary>
internal static class ProfileJson
{
    public static byte[] Single(EmulatedProfile profile, EmulatorRequest request, bool subscriptions) =>
        JsonWriting.Build((profile, request, subscriptions), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("data");
            WriteResource(writer, state.profile, state.request, state.subscriptions);
            writer.WriteStartObject("links");
            writer.WriteString("self", state.request.Url("api/profiles/" + state.profile.Id));
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Collection(IReadOnlyList<EmulatedProfile> profiles, EmulatorRequest request, bool subscriptions, string? nextCursor) =>
        JsonWriting.Build((profiles, request, subscriptions, nextCursor), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var profile in state.profiles)
            {
                WriteResource(writer, profile, state.request, state.subscriptions);
            }

            writer.WriteEndArray();
            CollectionLinks.Write(writer, state.request, state.nextCursor);
            writer.WriteEndObject();
        });

    internal static void WriteResource(Utf8JsonWriter writer, EmulatedProfile profile, EmulatorRequest request, bool subscriptions)
    {
        string self = request.Url("api/profiles/" + profile.Id);
        writer.WriteStartObject();
        writer.WriteString("type", "profile");
        writer.WriteString("id", profile.Id);
        writer.WriteStartObject("attributes");
        writer.WriteStringOrNull("email", profile.Email);
        writer.WriteStringOrNull("phone_number", profile.PhoneNumber);
        writer.WriteStringOrNull("external_id", profile.ExternalId);
        writer.WriteStringOrNull("first_name", profile.FirstName);
        writer.WriteStringOrNull("last_name", profile.LastName);
        writer.WriteStringOrNull("organization", profile.Organization);
        writer.WriteStringOrNull("locale", profile.Locale);
        writer.WriteStringOrNull("title", profile.Title);
        writer.WriteStringOrNull("image", profile.Image);
        writer.WriteTimestamp("created", profile.Created);
        writer.WriteTimestamp("updated", profile.Updated);
        writer.WriteTimestamp("last_event_date", profile.LastEventDate);
        writer.WriteStartObject("location");
        foreach (string field in ProfileAttributesReader.LocationFields)
        {
            writer.WriteElementOrNull(field, profile.Location, field);
        }

        writer.WriteEndObject();
        writer.WriteDictionary("properties", profile.Properties);
        if (subscriptions)
        {
            SubscriptionsJson.Write(writer, profile.Consent);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("relationships");
        foreach (string relationship in (string[])["lists", "segments"])
        {
            writer.WriteStartObject(relationship);
            writer.WriteStartObject("links");
            writer.WriteString("self", self + "/relationships/" + relationship);
            writer.WriteString("related", self + "/" + relationship);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("links");
        writer.WriteString("self", self);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
