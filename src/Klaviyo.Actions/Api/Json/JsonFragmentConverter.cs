using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Json;

/// <summary>Writes a <see cref="JsonFragment"/> verbatim. Write-only.</summary>
internal sealed class JsonFragmentConverter : JsonConverter<JsonFragment>
{
    public override JsonFragment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("JSON fragments are only written.");

    public override void Write(Utf8JsonWriter writer, JsonFragment value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json.Span, skipInputValidation: true);
}
