using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

public class OptionsBindingTests
{
    private const string Json = """
        {
          "Klaviyo": {
            "ApiKey": "pk_from_json_0001",
            "Revision": "2025-10-15.pre",
            "BaseAddress": "https://klaviyo-proxy.internal/klaviyo/",
            "Resilience": {
              "Enabled": true,
              "MaxRetryAttempts": 4,
              "BaseDelay": "00:00:00.500",
              "MaxDelay": "00:00:30",
              "AttemptTimeout": "00:00:15",
              "TotalTimeout": "00:02:00"
            },
            "RateLimiting": { "Enabled": false, "Share": 0.5, "MaxWait": "00:01:00" },
            "Batching": {
              "Capacity": 5000,
              "FullMode": "FailFast",
              "MaxBatchItems": 500,
              "MaxBatchBytes": 1048576,
              "MaxDelay": "00:00:02",
              "TrackImportJobs": true,
              "JobTrackingTimeout": "00:05:00",
              "ShutdownDrainTimeout": "00:00:10"
            },
            "Accounts": {
              "Europe": { "ApiKey": "pk_europe_0002", "Resilience": { "MaxRetryAttempts": 1 } }
            }
          }
        }
        """;

    private static IConfigurationRoot Configuration() =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();

    [Test]
    public void Every_setting_binds_from_json_including_nested_sections()
    {
        var services = new ServiceCollection();
        services.AddKlaviyoActions(Configuration().GetSection("Klaviyo"));
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get(Options.DefaultName);

        Assert.Multiple(() =>
        {
            Assert.That(o.ApiKey, Is.EqualTo("pk_from_json_0001"));
            Assert.That(o.Revision, Is.EqualTo("2025-10-15.pre"));
            Assert.That(o.BaseAddress, Is.EqualTo(new Uri("https://klaviyo-proxy.internal/klaviyo/")));
            Assert.That(o.Resilience.MaxRetryAttempts, Is.EqualTo(4));
            Assert.That(o.Resilience.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(o.Resilience.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(o.Resilience.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(o.Resilience.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(o.RateLimiting.Enabled, Is.False);
            Assert.That(o.RateLimiting.Share, Is.EqualTo(0.5));
            Assert.That(o.RateLimiting.MaxWait, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(o.Batching.Capacity, Is.EqualTo(5000));
            Assert.That(o.Batching.FullMode, Is.EqualTo(QueueFullMode.FailFast));
            Assert.That(o.Batching.MaxBatchItems, Is.EqualTo(500));
            Assert.That(o.Batching.MaxBatchBytes, Is.EqualTo(1_048_576));
            Assert.That(o.Batching.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(o.Batching.TrackImportJobs, Is.True);
            Assert.That(o.Batching.JobTrackingTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(o.Batching.ShutdownDrainTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void A_configuration_root_has_its_Klaviyo_section_bound()
    {
        var services = new ServiceCollection();
        services.AddKlaviyoActions(Configuration());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<KlaviyoClientOptions>>().Value.ApiKey, Is.EqualTo("pk_from_json_0001"));
    }

    [Test]
    public void The_parameterless_overload_binds_the_apps_Klaviyo_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration());
        services.AddKlaviyoActions();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<KlaviyoClientOptions>>().Value.Resilience.MaxRetryAttempts, Is.EqualTo(4));
    }

    [Test]
    public void A_named_registration_binds_its_own_section_and_keeps_the_defaults_it_does_not_set()
    {
        var services = new ServiceCollection();
        services.AddKlaviyoActions("europe", Configuration().GetSection("Klaviyo:Accounts:Europe"));
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().Get("europe");
        Assert.Multiple(() =>
        {
            Assert.That(o.ApiKey, Is.EqualTo("pk_europe_0002"));
            Assert.That(o.Resilience.MaxRetryAttempts, Is.EqualTo(1));
            Assert.That(o.Resilience.TotalTimeout, Is.EqualTo(new KlaviyoResilienceOptions().TotalTimeout));
            Assert.That(o.Revision, Is.EqualTo(KlaviyoClientOptions.DefaultRevision));
            Assert.That(o.BaseAddress, Is.EqualTo(KlaviyoClientOptions.DefaultBaseAddress));
        });
    }

    [Test]
    public void Code_configuration_can_be_layered_on_top_of_bound_configuration()
    {
        var services = new ServiceCollection();
        services.AddKlaviyoActions(Configuration()).Configure(o => o.Resilience.MaxRetryAttempts = 9);
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptions<KlaviyoClientOptions>>().Value;
        Assert.That(o.Resilience.MaxRetryAttempts, Is.EqualTo(9));
        Assert.That(o.ApiKey, Is.EqualTo("pk_from_json_0001"));
    }

    [Test]
    public void ToString_never_shows_the_key()
    {
        var o = new KlaviyoClientOptions { ApiKey = "pk_secret_0003" };
        Assert.That(o.ToString(), Does.Not.Contain("pk_secret_0003"));
    }
}
