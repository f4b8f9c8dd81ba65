namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// A caller value a wire document cannot represent (unsupported type, too deep, not finite, reserved key).
/// Raised inside serialization, where the action is unknown, and turned into a
/// <see cref="KlaviyoValidationException"/> naming the action by <see cref="KlaviyoWire"/>.
/// </summary>
internal sealed class WireValueException : Exception
{
    public WireValueException(string field, string rule, string message)
        : base(message)
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The path of the value, e.g. <c>properties.cart.items[2]</c>.</summary>
    public string Field { get; }

    /// <summary>The rule: <c>unsupported_type</c>, <c>max_depth</c>, <c>non_finite_number</c> or <c>reserved_key</c>.</summary>
    public string Rule { get; }

    public KlaviyoValidationError ToError() => new(Field, Rule, Message);
}
