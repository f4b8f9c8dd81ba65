using System.Text;

namespace Klaviyo.Actions.Mapping.Triggers;

/// <summary>Splits a trigger into tokens: paths, strings, numbers, comparison operators, parentheses, commas.</summary>
internal static class TriggerLexer
{
    /// <summary>Tokenizes; the list always ends with an <see cref="TriggerTokenKind.End"/> token.</summary>
    /// <exception cref="TriggerSyntaxException">An unexpected character or an unterminated string.</exception>
    public static List<TriggerToken> Tokenize(string expression)
    {
        var tokens = new List<TriggerToken>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"' || c == '\'')
            {
                i = ReadString(expression, i, tokens);
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                int start = i++;
                while (i < expression.Length && (char.IsAsciiDigit(expression[i]) || expression[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new TriggerToken(TriggerTokenKind.Number, expression[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_' || c == '$')
            {
                int start = i;
                while (i < expression.Length && (char.IsLetterOrDigit(expression[i]) || expression[i] is '_' or '$' or '.' or '-'))
                {
                    i++;
                }

                tokens.Add(new TriggerToken(TriggerTokenKind.Identifier, expression[start..i], start));
            }
            else
            {
                i = ReadSymbol(expression, i, tokens);
            }
        }

        tokens.Add(new TriggerToken(TriggerTokenKind.End, string.Empty, expression.Length));
        return tokens;
    }

    private static int ReadSymbol(string expression, int i, List<TriggerToken> tokens)
    {
        char c = expression[i];
        char next = i + 1 < expression.Length ? expression[i + 1] : '\0';
        switch (c)
        {
            case '(':
                tokens.Add(new TriggerToken(TriggerTokenKind.LeftParen, "(", i));
                return i + 1;
            case ')':
                tokens.Add(new TriggerToken(TriggerTokenKind.RightParen, ")", i));
                return i + 1;
            case ',':
                tokens.Add(new TriggerToken(TriggerTokenKind.Comma, ",", i));
                return i + 1;
            case '=':
                tokens.Add(new TriggerToken(TriggerTokenKind.Operator, "=", i));
                return next == '=' ? i + 2 : i + 1;
            case '!' when next == '=':
                tokens.Add(new TriggerToken(TriggerTokenKind.Operator, "!=", i));
                return i + 2;
            case '!':
                tokens.Add(new TriggerToken(TriggerTokenKind.Bang, "!", i));
                return i + 1;
            case '<' or '>':
                bool orEqual = next == '=';
                tokens.Add(new TriggerToken(TriggerTokenKind.Operator, orEqual ? c + "=" : c.ToString(), i));
                return orEqual ? i + 2 : i + 1;
            case '&' when next == '&':
                tokens.Add(new TriggerToken(TriggerTokenKind.Identifier, "and", i));
                return i + 2;
            case '|' when next == '|':
                tokens.Add(new TriggerToken(TriggerTokenKind.Identifier, "or", i));
                return i + 2;
            default:
                throw new TriggerSyntaxException(expression, i, $"unexpected character '{c}'");
        }
    }

    private static int ReadString(string expression, int start, List<TriggerToken> tokens)
    {
        char quote = expression[start];
        var sb = new StringBuilder();
        int i = start + 1;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (c == '\\' && i + 1 < expression.Length)
            {
                sb.Append(expression[i + 1]);
                i += 2;
            }
            else if (c == quote)
            {
                tokens.Add(new TriggerToken(TriggerTokenKind.String, sb.ToString(), start));
                return i + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        throw new TriggerSyntaxException(expression, start, "unterminated string");
    }
}
