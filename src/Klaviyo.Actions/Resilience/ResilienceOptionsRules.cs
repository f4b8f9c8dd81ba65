using System.Globalization;

namespace Klaviyo.Actions.Resilience;

/// <summary>One broken rule of the options: the setting (a configuration path under the Klaviyo section) and what is wrong.</summary>
/// <param name="Setting">E.g. <c>Resilience:MaxRetryAttempts</c>.</param>
/// <param name="Problem">What is wrong and what is allowed; never the value of a secret.</param>
internal readonly record struct OptionsProblem(string Setting, string Problem)
{
    public override string ToString() => $"{Setting} {Problem}";
}

/// <summary>
/// The rules for <see cref="KlaviyoResilienceOptions"/> and <see cref="KlaviyoRateLimitOptions"/>. Number ranges
/// are also <c>[Range]</c> attributes, which the DI package checks with a source-generated validator; time
/// ranges (a <c>[Range]</c> over <see cref="TimeSpan"/> is not trim-safe) and cross-field rules are checked here
/// by both the DI validator and the non-DI constructors.
/// </summary>
internal static class ResilienceOptionsRules
{
    /// <summary>Every rule (the non-DI constructors).</summary>
    public static IEnumerable<OptionsProblem> All(KlaviyoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return NumberRanges(options).Concat(TimeRanges(options)).Concat(CrossField(options));
    }

    /// <summary>The rules the <c>[Range]</c> attributes also state.</summary>
    public static IEnumerable<OptionsProblem> NumberRanges(KlaviyoClientOptions options)
    {
        if (options.Resilience is { } resilience &&
            resilience.MaxRetryAttempts is < 0 or > KlaviyoResilienceOptions.MaxRetryAttemptsLimit)
        {
            yield return new("Resilience:MaxRetryAttempts", $"must be between 0 and {KlaviyoResilienceOptions.MaxRetryAttemptsLimit}.");
        }

        if (options.RateLimiting is { } rateLimiting &&
            (double.IsNaN(rateLimiting.Share) || rateLimiting.Share is < KlaviyoRateLimitOptions.MinShare or > KlaviyoRateLimitOptions.MaxShare))
        {
            yield return new(
                "RateLimiting:Share",
                $"must be between {KlaviyoRateLimitOptions.MinShare.ToString(CultureInfo.InvariantCulture)} and {KlaviyoRateLimitOptions.MaxShare.ToString(CultureInfo.InvariantCulture)} (the fraction of Klaviyo's published limits this process may use).");
        }
    }

    /// <summary>Required sections and the ranges of time values.</summary>
    public static IEnumerable<OptionsProblem> TimeRanges(KlaviyoClientOptions options)
    {
        if (options.Resilience is not { } resilience)
        {
            yield return new("Resilience", "is required.");
        }
        else
        {
            var problems = Between("Resilience:BaseDelay", resilience.BaseDelay, TimeSpan.Zero, KlaviyoResilienceOptions.MaxDelayLimit)
                .Concat(Between("Resilience:MaxDelay", resilience.MaxDelay, TimeSpan.Zero, KlaviyoResilienceOptions.MaxDelayLimit))
                .Concat(Between("Resilience:AttemptTimeout", resilience.AttemptTimeout, KlaviyoResilienceOptions.MinTimeoutLimit, KlaviyoResilienceOptions.MaxTimeoutLimit))
                .Concat(Between("Resilience:TotalTimeout", resilience.TotalTimeout, KlaviyoResilienceOptions.MinTimeoutLimit, KlaviyoResilienceOptions.MaxTimeoutLimit));
            foreach (var problem in problems)
            {
                yield return problem;
            }
        }

        if (options.RateLimiting is not { } rateLimiting)
        {
            yield return new("RateLimiting", "is required.");
        }
        else
        {
            foreach (var problem in Between("RateLimiting:MaxWait", rateLimiting.MaxWait, TimeSpan.Zero, KlaviyoRateLimitOptions.MaxWaitLimit))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Rules between values.</summary>
    public static IEnumerable<OptionsProblem> CrossField(KlaviyoClientOptions options)
    {
        if (options.Resilience is not { } resilience)
        {
            yield break;
        }

        if (resilience.BaseDelay > resilience.MaxDelay)
        {
            yield return new("Resilience:BaseDelay", $"({resilience.BaseDelay:c}) must not exceed Resilience:MaxDelay ({resilience.MaxDelay:c}).");
        }

        if (resilience.AttemptTimeout > resilience.TotalTimeout)
        {
            yield return new("Resilience:AttemptTimeout", $"({resilience.AttemptTimeout:c}) must not exceed Resilience:TotalTimeout ({resilience.TotalTimeout:c}).");
        }
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem (for the non-DI constructors).</summary>
    public static void ThrowIfInvalid(KlaviyoClientOptions options, string paramName)
    {
        var problems = All(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "Invalid KlaviyoClientOptions: " + string.Join(" ", problems.Select(p => $"{p.Setting.Replace(':', '.')} {p.Problem}")),
                paramName);
        }
    }

    /// <summary><c>00:00:00.010</c> rather than <c>00:00:00.0100000</c>.</summary>
    private static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0 || value >= TimeSpan.FromDays(1)
            ? value.ToString("c", CultureInfo.InvariantCulture)
            : value.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static IEnumerable<OptionsProblem> Between(string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            yield return new(setting, $"must be between {Format(min)} and {Format(max)}.");
        }
    }
}
