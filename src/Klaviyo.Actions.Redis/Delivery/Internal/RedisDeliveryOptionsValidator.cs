using Microsoft.Extensions.Options;

namespace Klaviyo.Actions.Redis.Delivery.Internal;

/// <summary>Checks <see cref="RedisDeliveryOptions"/> on start, naming the option and the rule (never the connection string).</summary>
internal sealed class RedisDeliveryOptionsValidator : IValidateOptions<RedisDeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisDeliveryOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
