using Klaviyo.Actions.Mapping.Triggers;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A mapping's trigger in Segment's subscription syntax (FQL), e.g. <c>type = "identify"</c> or
/// <c>type = "track" and event = "Order Completed"</c>.
/// </summary>
/// <remarks>
/// <para>Conditions: <c>field = value</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>;
/// <c>field = null</c> / <c>field != null</c> (absent / present); <c>contains(field, "text")</c>,
/// <c>match(field, "glob*")</c>, <c>exists(field)</c>. Combine with <c>and</c>, <c>or</c>, <c>not</c> (or <c>!</c>)
/// and parentheses; <c>not</c> binds tightest, then <c>and</c>, then <c>or</c>.</para>
/// <para>Fields: <c>type</c>, <c>event</c>, <c>name</c>, <c>userId</c>, <c>anonymousId</c>, <c>messageId</c>,
/// <c>previousId</c>, <c>groupId</c>, and paths under <c>properties</c>, <c>traits</c>, <c>context</c>,
/// <c>integrations</c>. Values: double-quoted strings, numbers, <c>true</c>, <c>false</c>, <c>null</c>.</para>
/// <para>As in Segment, <c>=</c> compares the text form of the value (so <c>properties.total = 10</c> matches
/// <c>10</c> and <c>"10"</c>), string comparisons are case-sensitive (<c>type = "Identify"</c> never matches),
/// and ordering operators compare numbers.</para>
/// </remarks>
public sealed class Trigger
{
    private readonly TriggerNode _root;

    private Trigger(string expression, TriggerNode root, IReadOnlyList<string> warnings)
    {
        Expression = expression;
        _root = root;
        Warnings = warnings;
    }

    /// <summary>The trigger text.</summary>
    public string Expression { get; }

    /// <summary>Conditions that parse but can never be true as written (e.g. a capitalised <c>type</c>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Parses a trigger.</summary>
    /// <param name="expression">The FQL text.</param>
    /// <exception cref="TriggerSyntaxException">The text is not valid; <see cref="TriggerSyntaxException.Position"/> says where.</exception>
    public static Trigger Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var (root, warnings) = TriggerParser.Parse(expression);
        return new Trigger(expression, root, warnings);
    }

    /// <summary>Tries to parse a trigger.</summary>
    /// <param name="expression">The FQL text.</param>
    /// <param name="trigger">The trigger, when valid.</param>
    /// <param name="error">The syntax error, otherwise.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string? expression, out Trigger? trigger, out TriggerSyntaxException? error)
    {
        trigger = null;
        error = null;
        try
        {
            trigger = Parse(expression ?? string.Empty);
            return true;
        }
        catch (TriggerSyntaxException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>Whether the event satisfies the trigger.</summary>
    /// <param name="segmentEvent">The event.</param>
    public bool Matches(SegmentEvent segmentEvent)
    {
        ArgumentNullException.ThrowIfNull(segmentEvent);
        return _root.Matches(segmentEvent);
    }

    /// <inheritdoc />
    public override string ToString() => Expression;
}
