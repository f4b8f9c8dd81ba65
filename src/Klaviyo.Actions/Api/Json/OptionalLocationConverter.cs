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
    public override Optional<LocationAttributes?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Locations are only written.");

    public override void Write(Utf8JsonWriter writer, Optional<LocationAttributes?> value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var typeInfo = (JsonTypeInfo<LocationAttributes>)options.GetTypeInfo(typeof(LocationAttributes));
        JsonSerializer.Serialize(writer, value.Value, typeInfo);
    }
}
