using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.RateLimiting;

/// <summary>
/// Validates one registration's <see cref="RedisRateLimitingOptions"/> at start with the same rules as the limiter's
/// constructor; a configuration string is required only when no connection was passed and the container has none.
/// </summary>
internal sealed class RedisRateLimitingOptionsValidator(string name, bool connectionGiven, IServiceProvider services) : IValidateOptions<RedisRateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, RedisRateLimitingOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        bool needsConfiguration = !connectionGiven && services.GetService<IConnectionMultiplexer>() is null;
        var problems = RedisRateLimitingOptionsRules.Check(options, needsConfiguration);
        string registration = name.Length == 0 ? "the default Klaviyo registration" : $"Klaviyo registration '{name}'";
        return problems.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problems.Select(p => $"{p} ({registration})"));
    }
}
