using System.Globalization;
using System.Text.RegularExpressions;

namespace Klaviyo.Actions;

/// <summary>
/// The rules for a client's key, revision and base address, shared by <see cref="KlaviyoClient"/>'s constructors and
/// the dependency-injection validator, so both construction paths reject the same options. Each problem names the
/// setting (<c>ApiKey</c>, <c>Revision</c>, <c>BaseAddress</c>) and states the rule; the key is never quoted.
/// </summary>
internal static partial class KlaviyoClientOptionsRules
{
    /// <summary>The problems of <paramref name="options"/>' key, revision and base address, in that order.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="apiKeyVariable">The environment variable the missing-key message suggests (e.g. <c>Klaviyo__ApiKey</c>).</param>
    public static List<(string Setting, string Problem)> Check(KlaviyoClientOptions options, string apiKeyVariable = "Klaviyo__ApiKey")
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<(string Setting, string Problem)>();
        CheckApiKey(options.ApiKey, apiKeyVariable, problems);
        CheckRevision(options.Revision, problems);
        CheckBaseAddress(options.BaseAddress, problems);
        return problems;
    }

    private static void CheckApiKey(string? apiKey, string apiKeyVariable, List<(string, string)> problems)
    {
        // The key is a secret: the messages describe it, never quote it.
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            problems.Add(("ApiKey", $"is missing or blank. Set it to the private API key (pk_…) of the Klaviyo account, e.g. with user secrets or the environment variable {apiKeyVariable}."));
        }
        else if (apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(("ApiKey", "contains whitespace or a line break. Copy the key again without spaces or new lines."));
        }
        else if (!apiKey.StartsWith("pk_", StringComparison.Ordinal))
        {
            problems.Add(("ApiKey", "is not a private API key: Klaviyo private keys start with 'pk_'. A public key (site id) cannot call these endpoints."));
        }
    }

    private static void CheckRevision(string? revision, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(revision))
        {
            problems.Add(("Revision", $"is missing. Use a Klaviyo API revision such as {KlaviyoClientOptions.DefaultRevision}."));
            return;
        }

        var match = RevisionFormat().Match(revision);
        if (!match.Success ||
            !DateOnly.TryParseExact(match.Groups["date"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add(("Revision", $"'{revision}' is not a Klaviyo API revision: expected YYYY-MM-DD with an optional .suffix, e.g. {KlaviyoClientOptions.DefaultRevision}."));
        }
    }

    private static void CheckBaseAddress(Uri? baseAddress, List<(string, string)> problems)
    {
        // Not echoed: a proxy address may carry credentials.
        if (baseAddress is null)
        {
            problems.Add(("BaseAddress", "is missing. Leave it unset for https://a.klaviyo.com/ or set an absolute http(s) address."));
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add(("BaseAddress", "must be an absolute http or https address, e.g. https://a.klaviyo.com/."));
        }
        else if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
        {
            problems.Add(("BaseAddress", "must not have a query or fragment."));
        }
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(\.[A-Za-z0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RevisionFormat();
}
