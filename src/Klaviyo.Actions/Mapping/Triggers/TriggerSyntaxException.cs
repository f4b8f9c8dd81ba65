namespace Klaviyo.Actions.Mapping;

/// <summary>A trigger (Segment subscription FQL) could not be parsed. Names the position of the problem.</summary>
public sealed class TriggerSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="expression">The trigger text.</param>
    /// <param name="position">The zero-based character position of the problem.</param>
    /// <param name="problem">What is wrong there.</param>
    public TriggerSyntaxException(string expression, int position, string problem)
        : base($"Trigger syntax error at position {position}: {problem}")
    {
        Expression = expression;
        Position = position;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public TriggerSyntaxException()
        : this(string.Empty, 0, "invalid trigger")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public TriggerSyntaxException(string message)
        : this(string.Empty, 0, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TriggerSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = string.Empty;
        Problem = message;
    }

    /// <summary>The trigger text.</summary>
    public string Expression { get; }

    /// <summary>The zero-based character position of the problem (the text length at end of input).</summary>
    public int Position { get; }

    /// <summary>The problem, without the position.</summary>
    public string Problem { get; }
}
