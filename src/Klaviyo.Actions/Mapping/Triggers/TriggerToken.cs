namespace Klaviyo.Actions.Mapping.Triggers;

/// <summary>Kinds of trigger tokens.</summary>
internal enum TriggerTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    Bang,
    End,
}

/// <summary>One lexical token of a trigger, with its position.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Text">The text (unquoted and unescaped for strings).</param>
/// <param name="Position">The zero-based start position.</param>
internal readonly record struct TriggerToken(TriggerTokenKind Kind, string Text, int Position)
{
    /// <summary>Describes the token for error messages.</summary>
    public string Describe() => Kind switch
    {
        TriggerTokenKind.End => "end of input",
        TriggerTokenKind.String => "a string",
        TriggerTokenKind.Number => $"number {Text}",
        _ => $"'{Text}'",
    };
}
