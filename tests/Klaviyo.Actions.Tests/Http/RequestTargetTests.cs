using Klaviyo.Actions.Http;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Http;

/// <summary>The per-options request parts are cached, yet follow every change of the options.</summary>
public class RequestTargetTests
{
    [Test]
    public void A_base_address_without_trailing_slash_keeps_its_path()
    {
        RequestTarget? cache = null;
        var options = new KlaviyoClientOptions { ApiKey = "pk_one", BaseAddress = new Uri("http://proxy.local/klaviyo") };

        var (uri, path) = RequestTarget.For(ref cache, options).Resolve("api/events");

        Assert.That(uri.AbsoluteUri, Is.EqualTo("http://proxy.local/klaviyo/api/events"));
        Assert.That(path, Is.EqualTo("/klaviyo/api/events"));
    }

    [Test]
    public void The_same_options_reuse_the_target_and_a_changed_key_address_or_revision_rebuilds_it()
    {
        RequestTarget? cache = null;
        var options = new KlaviyoClientOptions { ApiKey = "pk_one" };
        var first = RequestTarget.For(ref cache, options);
        Assert.That(RequestTarget.For(ref cache, options), Is.SameAs(first));
        Assert.That(first.Authorization, Is.EqualTo("Klaviyo-API-Key pk_one"));

        options.ApiKey = "pk_two";
        var rotated = RequestTarget.For(ref cache, options);
        Assert.That(rotated.Authorization, Is.EqualTo("Klaviyo-API-Key pk_two"));

        options.BaseAddress = new Uri("http://other.local/");
        Assert.That(RequestTarget.For(ref cache, options).Resolve("api/events").Uri.Host, Is.EqualTo("other.local"));

        options.Revision = "2024-10-15";
        Assert.That(RequestTarget.For(ref cache, options).Revision, Is.EqualTo("2024-10-15"));

        var other = new KlaviyoClientOptions { ApiKey = "pk_three" };
        Assert.That(RequestTarget.For(ref cache, other).Authorization, Is.EqualTo("Klaviyo-API-Key pk_three"));
    }

    [Test]
    public void Paths_resolve_to_shared_addresses_and_queries_stay_out_of_the_path()
    {
        RequestTarget? cache = null;
        var target = RequestTarget.For(ref cache, new KlaviyoClientOptions { ApiKey = "pk_one" });

        var events = target.Resolve("api/events");
        Assert.That(target.Resolve("api/events").Uri, Is.SameAs(events.Uri));

        var (uri, path) = target.Resolve("api/profiles?filter=equals(email,%22a%40b.c%22)");
        Assert.That(path, Is.EqualTo("/api/profiles"));
        Assert.That(uri.Query, Does.StartWith("?filter="));
        Assert.That(target.Resolve("api/profiles?filter=equals(email,%22x%40y.z%22)").Uri.Query, Does.Contain("x%40y.z"));
    }

    [Test]
    public void More_distinct_paths_than_the_cache_holds_still_resolve()
    {
        RequestTarget? cache = null;
        var target = RequestTarget.For(ref cache, new KlaviyoClientOptions { ApiKey = "pk_one" });
        for (int i = 0; i < RequestTarget.MaxCachedAddresses + 20; i++)
        {
            Assert.That(target.Resolve($"api/profiles/p{i}").Path, Is.EqualTo($"/api/profiles/p{i}"));
        }
    }
}
