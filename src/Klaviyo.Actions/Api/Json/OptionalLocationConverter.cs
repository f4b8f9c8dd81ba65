using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Klaviyo.Actions.Api.Documents;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Writes a present <see cref="Optional{T}"/> location as <c>null</c> (clears the address) or as the
/// location object, through the source-generated metadata of <see cref="LocationAttributes"/>.
/// </summary>
internal sealed class OptionalLocationConverter : JsonConverter<Optional<LocationAttributes?>>
{
    private JsonTypeInfo<LocationAttributes>? _cached;

    public override Optional<LocationAttributes?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Locations are only written.");

    public override void Write(Utf8JsonWriter writer, Optional<LocationAttributes?> value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value.Value, LocationInfo(options));
    }

    /// <summary>
    /// The location contract of <paramref name="options"/>, looked up once per options instance: the lookup by
    /// type costs more than writing a small location.
    /// </summary>
    private JsonTypeInfo<LocationAttributes> LocationInfo(JsonSerializerOptions options)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && ReferenceEquals(cached.Options, options))
        {
            return cached;
        }

        var typeInfo = (JsonTypeInfo<LocationAttributes>)options.GetTypeInfo(typeof(LocationAttributes));
        Volatile.Write(ref _cached, typeInfo);
        return typeInfo;
    }
}
