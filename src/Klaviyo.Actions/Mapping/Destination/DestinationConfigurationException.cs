namespace Klaviyo.Actions.Mapping;

/// <summary>A destination configuration (settings and mappings) is invalid. Lists every problem with its location.</summary>
public sealed class DestinationConfigurationException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The problems; at least one.</param>
    public DestinationConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(BuildMessage(problems)) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public DestinationConfigurationException()
        : this([new ConfigurationProblem("$", "invalid configuration")])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public DestinationConfigurationException(string message)
        : this([new ConfigurationProblem("$", message)])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DestinationConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new ConfigurationProblem("$", message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<ConfigurationProblem> problems) =>
        problems.Count == 1
            ? $"Invalid destination configuration: {problems[0]}"
            : $"Invalid destination configuration ({problems.Count} problems): {string.Join("; ", problems)}";
}
