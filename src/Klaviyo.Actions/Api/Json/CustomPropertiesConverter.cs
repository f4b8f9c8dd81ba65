using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klaviyo.Actions.Api.Json;

/// <summary>Writes a custom <c>properties</c> object through <see cref="KlaviyoValueWriter"/>. Write-only.</summary>
internal sealed class CustomPropertiesConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
{
    /// <summary>The field name used in error paths.</summary>
    public const string FieldName = "properties";

    public override IReadOnlyDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Custom properties are only written.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options) =>
        KlaviyoValueWriter.WriteObject(writer, value, FieldName);
}
