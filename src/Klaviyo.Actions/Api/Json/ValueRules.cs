namespace Klaviyo.Actions.Api.Json;

/// <summary>Stable rule names of the errors the wire writer raises for custom values.</summary>
internal static class ValueRules
{
    /// <summary>A CLR type the writer does not support.</summary>
    public const string UnsupportedType = "unsupported_type";

    /// <summary>Objects and arrays nested deeper than <see cref="KlaviyoValueWriter.MaxDepth"/> levels.</summary>
    public const string MaxDepth = "max_depth";

    /// <summary>NaN or an infinity, which JSON cannot represent.</summary>
    public const string NonFiniteNumber = "non_finite_number";

    /// <summary>A free-form key that collides with a typed field.</summary>
    public const string ReservedKey = "reserved_key";
}
