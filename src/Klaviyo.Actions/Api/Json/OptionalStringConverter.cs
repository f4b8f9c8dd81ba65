using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Writes a present <see cref="Optional{T}"/> string as its value or <c>null</c>. Absent values never reach
/// the converter: properties of this type carry <see cref="JsonIgnoreCondition.WhenWritingDefault"/>.
/// </summary>
internal sealed class OptionalStringConverter : JsonConverter<Optional<string?>>
{
    public override Optional<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());

    public override void Write(Utf8JsonWriter writer, Optional<string?> value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WireText.WriteValue(writer, value.Value);
        }
    }
}
