namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A Segment event could not be read: not JSON, not an object, nested too deeply, or a spec field of the
/// wrong type. Names the field and the rule; never contains event values.
/// </summary>
public sealed class SegmentEventException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The event field, e.g. <c>userId</c> or <c>$</c> for the whole event.</param>
    /// <param name="rule">A stable rule name, e.g. <c>json</c>, <c>object</c>, <c>required</c>, <c>type</c>, <c>max_depth</c>.</param>
    /// <param name="message">What is wrong.</param>
    public SegmentEventException(string field, string rule, string message)
        : base($"Invalid Segment event: {field}: {message} ({rule})")
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>Creates the exception.</summary>
    public SegmentEventException()
        : this("$", "invalid", "The event could not be read.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public SegmentEventException(string message)
        : this("$", "invalid", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SegmentEventException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "$";
        Rule = "invalid";
    }

    /// <summary>The event field at fault (<c>$</c> for the whole event).</summary>
    public string Field { get; }

    /// <summary>The rule broken.</summary>
    public string Rule { get; }

    /// <summary>The problem as a validation error (field <c>event.&lt;field&gt;</c>).</summary>
    public KlaviyoValidationError ToValidationError() => new("event." + Field, Rule, Message);
}
