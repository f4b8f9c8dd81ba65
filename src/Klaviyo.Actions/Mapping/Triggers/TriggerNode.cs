using System.Globalization;
using System.Text.Json;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Triggers;

/// <summary>A node of a parsed trigger; evaluates against an event.</summary>
internal abstract class TriggerNode
{
    /// <summary>Whether the event satisfies this node.</summary>
    public abstract bool Matches(SegmentEvent segmentEvent);
}

/// <summary><c>a and b</c>.</summary>
internal sealed class AndNode(TriggerNode left, TriggerNode right) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) => left.Matches(segmentEvent) && right.Matches(segmentEvent);
}

/// <summary><c>a or b</c>.</summary>
internal sealed class OrNode(TriggerNode left, TriggerNode right) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) => left.Matches(segmentEvent) || right.Matches(segmentEvent);
}

/// <summary><c>not a</c> / <c>!a</c>.</summary>
internal sealed class NotNode(TriggerNode operand) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) => !operand.Matches(segmentEvent);
}

/// <summary>A reference to an event field: <c>type</c>, <c>event</c>, <c>properties.total</c>, ...</summary>
internal sealed class TriggerField(string path)
{
    private static readonly JsonElement[] TypeElements = Enum.GetValues<SegmentEventType>()
        .Select(t => JsonNodes.ToElement(System.Text.Json.Nodes.JsonValue.Create(t.ToString().ToLowerInvariant())))
        .ToArray();

    private readonly IReadOnlyList<string> _keys = SegmentPath.Split(path);

    /// <summary>The path as written.</summary>
    public string Path { get; } = path;

    /// <summary>The field's value; <see langword="false"/> when it is missing (JavaScript undefined).</summary>
    public bool TryGet(SegmentEvent segmentEvent, out JsonElement value)
    {
        if (Path == "type")
        {
            // The typed, lower-cased call type: Segment's pipeline always delivers lower-case types.
            value = TypeElements[(int)segmentEvent.Type];
            return true;
        }

        return SegmentPath.TryGet(segmentEvent.Json, _keys, out value);
    }

    /// <summary>
    /// Whether JavaScript <c>String(value)</c> of the field equals <paramref name="text"/> (ordinal), without building
    /// the string for the common kinds: a string field is compared in place, booleans and null by their names.
    /// </summary>
    public bool TextEquals(SegmentEvent segmentEvent, string text)
    {
        if (!TryGet(segmentEvent, out var value))
        {
            return text == "undefined";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.ValueEquals(text),
            JsonValueKind.True => text == "true",
            JsonValueKind.False => text == "false",
            JsonValueKind.Null => text == "null",
            _ => string.Equals(JsonNodes.JsString(JsonNodes.FromElement(value)), text, StringComparison.Ordinal),
        };
    }

    /// <summary>The field as a string, when it is one.</summary>
    public bool TryGetString(SegmentEvent segmentEvent, out string text)
    {
        text = string.Empty;
        if (Path == "type")
        {
            text = segmentEvent.TypeName;
            return true;
        }

        if (SegmentPath.TryGet(segmentEvent.Json, _keys, out var value) && value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString()!;
            return true;
        }

        return false;
    }

    /// <summary>JavaScript <c>Number(value)</c> of the field (NaN when missing or not numeric).</summary>
    public double AsNumber(SegmentEvent segmentEvent)
    {
        if (!TryGet(segmentEvent, out var value))
        {
            return double.NaN;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.True => 1,
            JsonValueKind.False or JsonValueKind.Null => 0,
            JsonValueKind.String => ParseJsNumber(value.GetString()!),
            _ => double.NaN,
        };
    }

    /// <summary>JavaScript <c>Number(text)</c>.</summary>
    public static double ParseJsNumber(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return 0;
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
    }
}

/// <summary>The literal on the right of a comparison.</summary>
/// <param name="Text">Its JavaScript string form (<c>null</c> for null).</param>
/// <param name="IsNull">Whether it is <c>null</c>.</param>
/// <param name="Number">Its numeric value (NaN when not numeric).</param>
internal sealed record TriggerLiteral(string Text, bool IsNull, double Number);

/// <summary><c>field = value</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>. <c>= null</c> / <c>!= null</c> test existence.</summary>
internal sealed class ComparisonNode(TriggerField subject, string op, TriggerLiteral literal) : TriggerNode
{
    /// <summary>The field.</summary>
    public TriggerField Field => subject;

    /// <summary>The operator.</summary>
    public string Operator => op;

    /// <summary>The literal.</summary>
    public TriggerLiteral Literal => literal;

    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent)
    {
        if (literal.IsNull && op is "=" or "!=")
        {
            bool exists = subject.TryGet(segmentEvent, out var value) && value.ValueKind != JsonValueKind.Null;
            return op == "=" ? !exists : exists;
        }

        switch (op)
        {
            case "=":
                return subject.TextEquals(segmentEvent, literal.Text);
            case "!=":
                return !subject.TextEquals(segmentEvent, literal.Text);
        }

        double actual = subject.AsNumber(segmentEvent);
        double expected = literal.Number;
        return op switch
        {
            "<" => actual < expected,
            "<=" => actual <= expected,
            ">" => actual > expected,
            ">=" => actual >= expected,
            _ => false,
        };
    }
}

/// <summary><c>contains(field, "text")</c>: the field is a string containing the text (case-sensitive).</summary>
internal sealed class ContainsNode(TriggerField subject, string text) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) =>
        subject.TryGetString(segmentEvent, out string actual) && actual.Contains(text, StringComparison.Ordinal);
}

/// <summary><c>match(field, "glob*")</c>: the field is a string matching a glob (<c>*</c> any run, <c>?</c> one character).</summary>
internal sealed class MatchNode(TriggerField subject, string pattern) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) =>
        subject.TryGetString(segmentEvent, out string actual) && Glob(actual, pattern);

    private static bool Glob(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

/// <summary><c>exists(field)</c>: the field is present and not null (same as <c>field != null</c>).</summary>
internal sealed class ExistsNode(TriggerField subject) : TriggerNode
{
    /// <inheritdoc />
    public override bool Matches(SegmentEvent segmentEvent) =>
        subject.TryGet(segmentEvent, out var value) && value.ValueKind != JsonValueKind.Null;
}
