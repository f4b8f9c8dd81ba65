using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Resilience;
using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Extensions.DependencyInjection.Validation;

/// <summary>
/// Validates a registration's <see cref="KlaviyoClientOptions"/> when the host starts (and on every reload).
/// Each failure names the setting by its configuration path (<c>Klaviyo:ApiKey</c>,
/// <c>Klaviyo:Resilience:MaxRetryAttempts</c>, …) and states the rule; the API key's value is never echoed.
/// Number ranges come from the source-generated validators of the nested options.
/// </summary>
internal sealed partial class KlaviyoClientOptionsValidator(KlaviyoRegistrations registrations) : IValidateOptions<KlaviyoClientOptions>
{
    /// <summary>Klaviyo's bulk profile import takes up to 10,000 profiles per job, the largest batch of any endpoint used.</summary>
    internal const int MaxBatchItemsLimit = 10_000;

    /// <summary>Klaviyo rejects request bodies over 5 MB.</summary>
    internal const int MaxBatchBytesLimit = 5 * 1024 * 1024;

    private static readonly KlaviyoResilienceOptionsValidator ResilienceRanges = new();
    private static readonly KlaviyoRateLimitOptionsValidator RateLimitRanges = new();

    public ValidateOptionsResult Validate(string? name, KlaviyoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (registrations.Find(name ?? Options.DefaultName) is not { } registration)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new Failures(registration.SettingPrefix);
        foreach (var (setting, problem) in KlaviyoClientOptionsRules.Check(options, ApiKeyVariable(registration.SettingPrefix)))
        {
            failures.Add(setting, problem);
        }

        foreach (var problem in ResilienceOptionsRules.TimeRanges(options).Concat(ResilienceOptionsRules.CrossField(options)))
        {
            failures.Add(problem.Setting, problem.Problem);
        }

        if (options.Resilience is { } resilience)
        {
            failures.AddGenerated("Resilience", ResilienceRanges.Validate(name, resilience));
        }

        if (options.RateLimiting is { } rateLimiting)
        {
            failures.AddGenerated("RateLimiting", RateLimitRanges.Validate(name, rateLimiting));
        }

        CheckBatching(options.Batching, failures);
        return failures.Result();
    }

    /// <summary>
    /// The environment variable that sets a registration's key: its section path with <c>__</c> for <c>:</c>
    /// (<c>Klaviyo__Accounts__Europe__ApiKey</c> for <c>Klaviyo:Accounts:Europe</c>); <c>Klaviyo__ApiKey</c> for a
    /// registration configured in code only.
    /// </summary>
    internal static string ApiKeyVariable(string settingPrefix) =>
        settingPrefix.Contains('(', StringComparison.Ordinal) ? "Klaviyo__ApiKey" : settingPrefix.Replace(":", "__", StringComparison.Ordinal) + "__ApiKey";

    private static void CheckBatching(KlaviyoBatchingOptions? batching, Failures failures)
    {
        if (batching is null)
        {
            failures.Add("Batching", "is required.");
            return;
        }

        if (batching.Capacity < 1)
        {
            failures.Add("Batching:Capacity", "must be at least 1.");
        }

        if (!Enum.IsDefined(batching.FullMode))
        {
            failures.Add("Batching:FullMode", "must be Wait or FailFast.");
        }

        if (batching.MaxBatchItems is < 1 or > MaxBatchItemsLimit)
        {
            failures.Add("Batching:MaxBatchItems", $"must be between 1 and {MaxBatchItemsLimit:N0} (Klaviyo's largest bulk request).");
        }

        if (batching.MaxBatchBytes is < 1 or > MaxBatchBytesLimit)
        {
            failures.Add("Batching:MaxBatchBytes", $"must be between 1 and {MaxBatchBytesLimit:N0} bytes (Klaviyo rejects requests over 5 MB).");
        }

        Positive("Batching:MaxDelay", batching.MaxDelay, TimeSpan.FromHours(1), failures);
        Positive("Batching:JobTrackingTimeout", batching.JobTrackingTimeout, TimeSpan.FromDays(1), failures);
        if (batching.ShutdownDrainTimeout < TimeSpan.Zero || batching.ShutdownDrainTimeout > TimeSpan.FromHours(1))
        {
            failures.Add("Batching:ShutdownDrainTimeout", "must be between 00:00:00 and 01:00:00.");
        }
    }

    private static void Positive(string setting, TimeSpan value, TimeSpan max, Failures failures)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add(setting, $"must be greater than zero and at most {max:c}.");
        }
    }

    /// <summary>Collects failures with the registration's setting prefix.</summary>
    private sealed class Failures(string prefix)
    {
        private readonly List<string> _messages = [];

        public void Add(string setting, string problem) => _messages.Add($"{prefix}:{setting} {problem}");

        /// <summary>Adds the failures of a generated validator, naming the nested section.</summary>
        public void AddGenerated(string section, ValidateOptionsResult result)
        {
            if (result.Failed)
            {
                // The generated messages read "Member: The field Type.Member must be …"; name the full path.
                foreach (string failure in result.Failures ?? [])
                {
                    int colon = failure.IndexOf(": ", StringComparison.Ordinal);
                    _messages.Add(colon > 0 && failure[..colon].All(char.IsLetterOrDigit)
                        ? $"{prefix}:{section}:{failure[..colon]}{failure[colon..]}"
                        : $"{prefix}:{section}: {failure}");
                }
            }
        }

        public ValidateOptionsResult Result() => _messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_messages);
    }
}
