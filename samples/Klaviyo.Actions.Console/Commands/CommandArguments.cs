namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// The parsed command line: positional arguments and <c>--name value</c> / <c>--flag</c> options.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _options;

    private CommandArguments(IReadOnlyList<string> positional, Dictionary<string, string?> options)
    {
        Positional = positional;
        _options = options;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Parses <paramref name="args"/>; options listed in <paramref name="flags"/> take no value.</summary>
    public static CommandArguments Parse(IEnumerable<string> args, params string[] flags)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            string arg = e.Current;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                string name = arg[2..];
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    options[name[..eq]] = name[(eq + 1)..];
                }
                else if (flags.Contains(name))
                {
                    options[name] = null;
                }
                else
                {
                    options[name] = e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value.");
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        return new CommandArguments(positional, options);
    }

    /// <summary>Whether a flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An option's value, or null.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>An integer option, or <paramref name="fallback"/>.</summary>
    public int GetInt(string name, int fallback)
    {
        string? value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new UsageException($"--{name} must be a whole number.");
    }
}

/// <summary>The command line was wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
