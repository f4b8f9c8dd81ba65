using System.Globalization;

namespace Klaviyo.Actions.Mapping.Triggers;

/// <summary>
/// Recursive-descent parser for Segment's subscription syntax (FQL) with the usual precedence:
/// <c>not</c>/<c>!</c> binds tightest, then <c>and</c>, then <c>or</c>; parentheses group.
/// </summary>
internal sealed class TriggerParser
{
    private static readonly HashSet<string> FieldRoots = new(StringComparer.Ordinal)
    {
        "type", "event", "name", "userId", "anonymousId", "messageId", "previousId", "groupId",
        "properties", "traits", "context", "integrations", "timestamp", "originalTimestamp", "sentAt",
        "receivedAt", "channel", "version",
    };

    private readonly string _expression;
    private readonly List<TriggerToken> _tokens;
    private readonly List<string> _warnings = [];
    private int _index;

    private TriggerParser(string expression)
    {
        _expression = expression;
        _tokens = TriggerLexer.Tokenize(expression);
    }

    /// <summary>Parses a trigger.</summary>
    /// <exception cref="TriggerSyntaxException">The text is not a valid trigger.</exception>
    public static (TriggerNode Root, IReadOnlyList<string> Warnings) Parse(string expression)
    {
        var parser = new TriggerParser(expression);
        if (parser.Current.Kind == TriggerTokenKind.End)
        {
            throw new TriggerSyntaxException(expression, 0, "the trigger is empty");
        }

        var root = parser.ParseOr();
        if (parser.Current.Kind != TriggerTokenKind.End)
        {
            throw parser.Error($"expected 'and', 'or' or end of input but found {parser.Current.Describe()}");
        }

        return (root, parser._warnings);
    }

    private TriggerToken Current => _tokens[_index];

    private TriggerToken Next() => _tokens[_index++];

    private bool IsKeyword(string keyword) => Current.Kind == TriggerTokenKind.Identifier && Current.Text == keyword;

    private TriggerSyntaxException Error(string problem, TriggerToken? at = null) =>
        new(_expression, (at ?? Current).Position, problem);

    private TriggerNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            Next();
            left = new OrNode(left, ParseAnd());
        }

        return left;
    }

    private TriggerNode ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword("and"))
        {
            Next();
            left = new AndNode(left, ParseUnary());
        }

        return left;
    }

    private TriggerNode ParseUnary()
    {
        if (Current.Kind == TriggerTokenKind.Bang || IsKeyword("not"))
        {
            Next();
            return new NotNode(ParseUnary());
        }

        return ParsePrimary();
    }

    private TriggerNode ParsePrimary()
    {
        var token = Current;
        if (token.Kind == TriggerTokenKind.LeftParen)
        {
            Next();
            var inner = ParseOr();
            if (Current.Kind != TriggerTokenKind.RightParen)
            {
                throw Error($"expected ')' to close the '(' at position {token.Position} but found {Current.Describe()}");
            }

            Next();
            return inner;
        }

        if (token.Kind != TriggerTokenKind.Identifier || token.Text is "and" or "or")
        {
            throw Error($"expected a condition but found {token.Describe()}");
        }

        if (_tokens[_index + 1].Kind == TriggerTokenKind.LeftParen)
        {
            return ParseFunction();
        }

        var field = ParseField();
        var op = Current;
        if (op.Kind != TriggerTokenKind.Operator)
        {
            throw Error($"expected a comparison (=, !=, <, <=, >, >=) after '{field.Path}' but found {op.Describe()}");
        }

        Next();
        var literal = ParseLiteral();
        if (field.Path == "type" && op.Text == "=" && !literal.IsNull && !IsSegmentType(literal.Text))
        {
            _warnings.Add($"type is compared with \"{literal.Text}\", which no Segment event has (call types are lower-case), so this condition never matches");
        }

        if (op.Text is not ("=" or "!=") && double.IsNaN(literal.Number))
        {
            throw Error($"'{op.Text}' needs a number", op);
        }

        return new ComparisonNode(field, op.Text, literal);
    }

    private TriggerNode ParseFunction()
    {
        var name = Next();
        Next(); // (
        var field = ParseField();
        TriggerNode node;
        switch (name.Text)
        {
            case "exists":
                node = new ExistsNode(field);
                break;
            case "contains" or "match":
                if (Current.Kind != TriggerTokenKind.Comma)
                {
                    throw Error($"{name.Text}() needs a second argument; expected ',' but found {Current.Describe()}");
                }

                Next();
                if (Current.Kind != TriggerTokenKind.String)
                {
                    throw Error($"the second argument of {name.Text}() must be a string but found {Current.Describe()}");
                }

                string text = Next().Text;
                node = name.Text == "contains" ? new ContainsNode(field, text) : new MatchNode(field, text);
                break;
            default:
                throw Error($"unknown function '{name.Text}' (supported: contains, match, exists)", name);
        }

        if (Current.Kind != TriggerTokenKind.RightParen)
        {
            throw Error($"expected ')' to close {name.Text}( but found {Current.Describe()}");
        }

        Next();
        return node;
    }

    private TriggerField ParseField()
    {
        var token = Current;
        if (token.Kind != TriggerTokenKind.Identifier || token.Text is "and" or "or" or "not")
        {
            throw Error($"expected a field such as type, event or properties.name but found {token.Describe()}");
        }

        string root = token.Text.Split('.')[0];
        if (!FieldRoots.Contains(root))
        {
            throw Error($"unknown field '{token.Text}'; a field starts with one of: {string.Join(", ", FieldRoots)}");
        }

        if (token.Text.EndsWith('.') || token.Text.Contains("..", StringComparison.Ordinal))
        {
            throw Error($"the field '{token.Text}' has an empty segment");
        }

        Next();
        return new TriggerField(token.Text);
    }

    private TriggerLiteral ParseLiteral()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TriggerTokenKind.String:
                Next();
                return new TriggerLiteral(token.Text, false, TriggerField.ParseJsNumber(token.Text));
            case TriggerTokenKind.Number:
                Next();
                if (!double.TryParse(token.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
                {
                    throw Error($"'{token.Text}' is not a number");
                }

                return new TriggerLiteral(Json.JsonNodes.FormatDouble(number), false, number);
            case TriggerTokenKind.Identifier when token.Text is "true" or "false":
                Next();
                return new TriggerLiteral(token.Text, false, token.Text == "true" ? 1 : 0);
            case TriggerTokenKind.Identifier when token.Text == "null":
                Next();
                return new TriggerLiteral("null", true, 0);
            default:
                throw Error($"expected a value (a string, number, true, false or null) but found {token.Describe()}");
        }
    }

    private static bool IsSegmentType(string value) =>
        value is "identify" or "track" or "page" or "screen" or "group" or "alias";
}
