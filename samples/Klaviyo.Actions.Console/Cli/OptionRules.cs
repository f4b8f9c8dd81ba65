using System.CommandLine;
using System.CommandLine.Parsing;

namespace Klaviyo.Actions.ConsoleApp.Cli;

/// <summary>Validators shared by the commands' options; each error names the option and its rule.</summary>
internal static class OptionRules
{
    /// <summary>The option's value, when given, is an absolute URL.</summary>
    public static Option<string?> AbsoluteUrl(this Option<string?> option, string example)
    {
        option.Validators.Add(result =>
        {
            if (ValueOrDefault<string?>(result) is { } value && !Uri.TryCreate(value, UriKind.Absolute, out _))
            {
                result.AddError($"{option.Name} must be an absolute URL, e.g. {example}.");
            }
        });
        return option;
    }

    /// <summary>The option's value lies between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static Option<T> InRange<T>(this Option<T> option, T min, T max, string rule)
        where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (ValueOrDefault<T>(result) is { } value && (value.CompareTo(min) < 0 || value.CompareTo(max) > 0))
            {
                result.AddError($"{option.Name} {rule}.");
            }
        });
        return option;
    }

    /// <summary>Completions (and the only accepted values, case-insensitive) for an option taking one of a few words.</summary>
    public static Option<string?> OneOf(this Option<string?> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (ValueOrDefault<string?>(result) is { } value && !values.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"{option.Name} must be {string.Join(" or ", values)}.");
            }
        });
        return option;
    }

    /// <summary>The option's value, or default when it could not be converted (System.CommandLine reports that itself).</summary>
    private static T? ValueOrDefault<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
