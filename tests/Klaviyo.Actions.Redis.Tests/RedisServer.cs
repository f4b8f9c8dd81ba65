using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests;

/// <summary>
/// The Redis the tests run against: <c>KLAVIYO_REDIS_TEST</c> (a StackExchange.Redis configuration string) or
/// 127.0.0.1:6379, which <c>.ci/setup-redis.sh</c> starts. With no server, the tests are ignored with a message, except
/// under <c>CI=true</c>, where they fail.
/// </summary>
internal static class RedisServer
{
    public static string Configuration =>
        Environment.GetEnvironmentVariable("KLAVIYO_REDIS_TEST") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    /// <summary>Connects, or ignores (fails under CI) the calling test when no server answers.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(Configuration);
            options.AbortOnConnectFail = true;
            options.ConnectTimeout = 2000;
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException e)
        {
            string message = $"No Redis answers at {Configuration} ({e.Message}); run .ci/setup-redis.sh or set KLAVIYO_REDIS_TEST.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(message);
            }

            Assert.Ignore(message);
            throw;
        }
    }
}
