namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>One generated input line and what reading it must give.</summary>
/// <param name="Index">Its position in the corpus.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Text">The line (never a line break inside).</param>
/// <param name="MessageId">Its <c>messageId</c> when it is an object with a readable string one; null otherwise.</param>
/// <param name="UnreadableField">The field a reader must name when the input cannot be read as an event; null when it can, or when which field depends on the text.</param>
/// <param name="UnreadableRule">The rule a reader must name when the input cannot be read; null when it can be read or the rule depends on the text.</param>
internal sealed record FuzzInput(int Index, FuzzKind Kind, string Text, string? MessageId, string? UnreadableField, string? UnreadableRule)
{
    /// <summary>Whether it is an empty or whitespace-only line (a line reader skips those).</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>Whether the text is JSON at all, so it can sit inside a <c>/v1/batch</c> array.</summary>
    public bool IsJson { get; init; } = true;

    /// <summary>Whether the SDK must read it as an event (its mappings then give outcomes).</summary>
    public bool MustBeReadable { get; init; }

    /// <summary>Whether the SDK must refuse to read it (<see cref="UnreadableRule"/> may still be open).</summary>
    public bool MustBeUnreadable { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"#{Index} {Kind}: {(Text.Length > 120 ? Text[..120] + "…" : Text)}";
}
