using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Writes Klaviyo profiles as Segment <c>identify</c> calls and Klaviyo events as <c>track</c> calls (UTF-8 JSON, by
/// hand: no reflection, exact sizes for Segment's limits).
/// </summary>
/// <remarks>
/// <para>Identity: <c>userId</c> is the profile's <c>external_id</c> when set, else <c>anonymousId</c> is
/// <c>klaviyo-</c> + the Klaviyo profile id (stable, and readable back to the profile).</para>
/// <para>Traits use Segment's reserved names: <c>email</c>, <c>phone</c>, <c>firstName</c>, <c>lastName</c>,
/// <c>title</c>, <c>avatar</c> (image), <c>address</c> {<c>street</c>, <c>city</c>, <c>state</c>, <c>postal_code</c>,
/// <c>country</c>}, <c>company</c> {<c>name</c>} (organization, the object Segment's spec defines and the forward
/// default mapping reads), <c>createdAt</c>; then the custom properties (a property named like a trait already written,
/// or the <see cref="KlaviyoProfileMarker"/>, is left out); and <c>klaviyo_profile_id</c>.</para>
/// <para><c>messageId</c> is derived from Klaviyo's ids — the profile id and its <c>updated</c> time, or the event id —
/// so a resend is deduplicated by Segment. Every message carries <c>integrations</c> turning Klaviyo off (no echo).</para>
/// </remarks>
internal static class SegmentMessageWriter
{
    /// <summary>The prefix of <c>anonymousId</c>s derived from Klaviyo profile ids.</summary>
    public const string AnonymousIdPrefix = "klaviyo-";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };
    private static readonly string LibraryVersion = typeof(SegmentMessageWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static readonly HashSet<string> WrittenTraits = new(StringComparer.Ordinal)
    {
        "email", "phone", "firstName", "lastName", "title", "avatar", "address", "company", "createdAt", "klaviyo_profile_id",
        KlaviyoProfileMarker.PropertyName,
    };

    /// <summary>The <c>messageId</c> of a profile version.</summary>
    public static string ProfileMessageId(KlaviyoProfile profile) =>
        string.Create(CultureInfo.InvariantCulture, $"klaviyo-profile-{profile.Id}-{profile.Updated.ToUnixTimeMilliseconds()}");

    /// <summary>The <c>messageId</c> of an event.</summary>
    public static string EventMessageId(KlaviyoEvent klaviyoEvent) => "klaviyo-event-" + klaviyoEvent.Id;

    /// <summary>An <c>identify</c> call for <paramref name="profile"/>.</summary>
    public static byte[] Identify(KlaviyoProfile profile) =>
        Write(profile, static (writer, p) =>
        {
            writer.WriteString("type", "identify");
            writer.WriteString("messageId", ProfileMessageId(p));
            WriteTimestamp(writer, p.Updated);
            WriteIdentity(writer, p.Id, p);
            writer.WriteStartObject("traits");
            WriteTraits(writer, p);
            writer.WriteEndObject();
            WriteContext(writer, p.Locale);
        });

    /// <summary>A <c>track</c> call for <paramref name="klaviyoEvent"/>, named <paramref name="eventName"/>.</summary>
    public static byte[] Track(KlaviyoEvent klaviyoEvent, string eventName) =>
        Write((klaviyoEvent, eventName), static (writer, state) =>
        {
            var (e, name) = state;
            writer.WriteString("type", "track");
            writer.WriteString("event", name);
            writer.WriteString("messageId", EventMessageId(e));
            WriteTimestamp(writer, e.Datetime);
            WriteIdentity(writer, e.ProfileId ?? string.Empty, e.Profile);
            writer.WritePropertyName("properties");
            if (e.Properties.ValueKind == JsonValueKind.Object)
            {
                e.Properties.WriteTo(writer);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }

            WriteContext(writer, e.Profile?.Locale);
        });

    private static byte[] Write<T>(T state, Action<Utf8JsonWriter, T> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer, state);
            writer.WriteStartObject("integrations");
            writer.WriteBoolean("Klaviyo", false);
            writer.WriteBoolean("Klaviyo (Actions)", false);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIdentity(Utf8JsonWriter writer, string profileId, KlaviyoProfile? profile)
    {
        if (profile?.ExternalId is { Length: > 0 } userId)
        {
            writer.WriteString("userId", userId);
        }
        else
        {
            writer.WriteString("anonymousId", AnonymousIdPrefix + (profile?.Id ?? profileId));
        }
    }

    private static void WriteTraits(Utf8JsonWriter writer, KlaviyoProfile profile)
    {
        WriteIfSet(writer, "email", profile.Email);
        WriteIfSet(writer, "phone", profile.PhoneNumber);
        WriteIfSet(writer, "firstName", profile.FirstName);
        WriteIfSet(writer, "lastName", profile.LastName);
        WriteIfSet(writer, "title", profile.Title);
        WriteIfSet(writer, "avatar", profile.Image);
        if (profile.Location is { } location && Street(location) is var street &&
            (street ?? location.City ?? location.Region ?? location.Zip ?? location.Country) is not null)
        {
            writer.WriteStartObject("address");
            WriteIfSet(writer, "street", street);
            WriteIfSet(writer, "city", location.City);
            WriteIfSet(writer, "state", location.Region);
            WriteIfSet(writer, "postal_code", location.Zip);
            WriteIfSet(writer, "country", location.Country);
            writer.WriteEndObject();
        }

        if (profile.Organization is { Length: > 0 } organization)
        {
            writer.WriteStartObject("company");
            writer.WriteString("name", organization);
            writer.WriteEndObject();
        }

        if (profile.Created is { } created)
        {
            writer.WriteString("createdAt", Iso(created));
        }

        foreach (var (name, value) in profile.Properties)
        {
            if (!WrittenTraits.Contains(name))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteString("klaviyo_profile_id", profile.Id);
    }

    private static string? Street(KlaviyoProfileLocation location) =>
        (location.Address1, location.Address2) switch
        {
            ({ Length: > 0 } one, { Length: > 0 } two) => one + ", " + two,
            ({ Length: > 0 } one, _) => one,
            (_, { Length: > 0 } two) => two,
            _ => null,
        };

    private static void WriteContext(Utf8JsonWriter writer, string? locale)
    {
        writer.WriteStartObject("context");
        writer.WriteStartObject("library");
        writer.WriteString("name", "Klaviyo.Actions");
        writer.WriteString("version", LibraryVersion);
        writer.WriteEndObject();
        WriteIfSet(writer, "locale", locale);
        writer.WriteEndObject();
    }

    private static void WriteTimestamp(Utf8JsonWriter writer, DateTimeOffset value)
    {
        if (value != DateTimeOffset.MinValue)
        {
            writer.WriteString("timestamp", Iso(value));
        }
    }

    private static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
