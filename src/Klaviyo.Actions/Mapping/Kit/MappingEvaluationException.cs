namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A mapping directive could not be resolved: an unknown directive, a directive given the wrong kind of
/// argument, or a value it cannot work on. Names the directive and where in the mapping it sits; never
/// contains event values.
/// </summary>
public sealed class MappingEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="directive">The directive, e.g. <c>@path</c> (or the unknown name).</param>
    /// <param name="path">The mapping field it sits in, e.g. <c>location.city</c>.</param>
    /// <param name="message">What went wrong.</param>
    public MappingEvaluationException(string directive, string path, string message)
        : base(path.Length == 0 ? message : $"{path}: {message}")
    {
        Directive = directive;
        Path = path;
        Reason = message;
    }

    /// <summary>Creates the exception.</summary>
    public MappingEvaluationException()
        : this(string.Empty, string.Empty, "The mapping could not be evaluated.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public MappingEvaluationException(string message)
        : this(string.Empty, string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MappingEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Directive = string.Empty;
        Path = string.Empty;
        Reason = message;
    }

    /// <summary>The directive at fault, e.g. <c>@template</c>.</summary>
    public string Directive { get; }

    /// <summary>The mapping field (dotted, Segment field keys) holding the directive.</summary>
    public string Path { get; }

    /// <summary>The problem without the path.</summary>
    public string Reason { get; }
}
