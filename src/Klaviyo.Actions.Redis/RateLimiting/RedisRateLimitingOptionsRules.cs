using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>The rules of <see cref="RedisRateLimitingOptions"/>: one place for the constructor and the start-up validator.</summary>
internal static class RedisRateLimitingOptionsRules
{
    /// <summary>Every broken rule, each naming its setting; empty when the options are valid.</summary>
    /// <param name="options">The options.</param>
    /// <param name="needsConfiguration">Whether <see cref="RedisRateLimitingOptions.Configuration"/> must be set (no connection was given).</param>
    public static List<string> Check(RedisRateLimitingOptions options, bool needsConfiguration)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            problems.Add("RedisRateLimiting:KeyPrefix must not be empty.");
        }

        if (!Enum.IsDefined(options.WhenRedisUnavailable))
        {
            problems.Add("RedisRateLimiting:WhenRedisUnavailable must be FailClosed or FallBackToLocal.");
        }

        if (options.InstanceCount is < 1 or > RedisRateLimitingOptions.MaxInstanceCount)
        {
            problems.Add($"RedisRateLimiting:InstanceCount must be between 1 and {RedisRateLimitingOptions.MaxInstanceCount}.");
        }

        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            if (needsConfiguration)
            {
                problems.Add("RedisRateLimiting:Configuration is missing: set a Redis configuration string, pass an IConnectionMultiplexer, or register one in the container.");
            }
        }
        else
        {
            try
            {
                ConfigurationOptions.Parse(options.Configuration);
            }
            catch (ArgumentException)
            {
                // The message of the parser may quote the string, which can hold a password: name the setting only.
                problems.Add("RedisRateLimiting:Configuration is not a valid StackExchange.Redis configuration string.");
            }
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every broken rule.</summary>
    public static void ThrowIfInvalid(RedisRateLimitingOptions options, bool needsConfiguration, string paramName)
    {
        var problems = Check(options, needsConfiguration);
        if (problems.Count > 0)
        {
            throw new ArgumentException("RedisRateLimitingOptions are invalid: " + string.Join(" ", problems), paramName);
        }
    }
}
