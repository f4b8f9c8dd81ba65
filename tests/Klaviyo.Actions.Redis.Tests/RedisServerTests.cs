using StackExchange.Redis;

namespace Klaviyo.Actions.Redis.Tests;

public sealed class RedisServerTests
{
    [Test]
    public async Task The_test_server_answers_and_supports_streams()
    {
        await using var redis = await RedisServer.ConnectAsync();
        var db = redis.GetDatabase();
        var key = (RedisKey)("klaviyo-actions-test:" + Guid.NewGuid().ToString("N"));
        var id = await db.StreamAddAsync(key, "f", "v");
        Assert.That((await db.StreamRangeAsync(key)).Select(e => e.Id), Is.EqualTo(new[] { id }));
        await db.KeyDeleteAsync(key);
    }
}
