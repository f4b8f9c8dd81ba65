using System.Net;
using Klaviyo.Actions.Extensions.DependencyInjection.Internal;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Tests.Http.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

public class RegistrationTests
{
    [Test]
    public async Task The_graph_resolves_in_a_plain_service_collection_and_sends_through_the_pipeline()
    {
        using var h = new DiHarness();
        string key = DiHarness.NewKey();
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.ApiKey = key));
        h.Klaviyo.ThenOk("""{"data":[{"type":"account","id":"AbC123"}]}""");

        var client = h.Provider.GetRequiredService<IKlaviyoClient>();
        var factory = h.Provider.GetRequiredService<IKlaviyoClientFactory>();
        var response = await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.Multiple(() =>
        {
            Assert.That(client, Is.InstanceOf<KlaviyoClient>());
            Assert.That(factory.CreateClient(), Is.InstanceOf<KlaviyoClient>());
            Assert.That(h.Provider.GetRequiredService<IKlaviyoClient>(), Is.Not.SameAs(client), "transient: cheap, over a pooled handler");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(h.Klaviyo.Requests.Single().Authorization, Is.EqualTo("Klaviyo-API-Key " + key));
            Assert.That(h.Klaviyo.Requests.Single().Uri.AbsoluteUri, Is.EqualTo("https://a.klaviyo.com/api/accounts"));
        });
    }

    [Test]
    public async Task The_graph_resolves_and_starts_in_a_WebApplication()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klaviyo:ApiKey"] = DiHarness.NewKey(),
            ["Klaviyo:Resilience:MaxRetryAttempts"] = "2",
        });
        builder.Services.AddKlaviyoActions(builder.Configuration);
        builder.Services.AddHealthChecks().AddKlaviyo(tags: ["ready"]);
        await using var app = builder.Build();

        await app.StartAsync().Settled();
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(app.Services.GetRequiredService<IKlaviyoClient>(), Is.InstanceOf<KlaviyoClient>());
                Assert.That(app.Services.GetRequiredService<IOptionsMonitor<KlaviyoClientOptions>>().CurrentValue.Resilience.MaxRetryAttempts, Is.EqualTo(2));
                Assert.That(app.Services.GetRequiredService<HealthCheckService>(), Is.Not.Null);
            });
        }
        finally
        {
            await app.StopAsync().Settled();
        }
    }

    [Test]
    public async Task Named_clients_send_their_own_keys()
    {
        using var h = new DiHarness();
        string europe = DiHarness.NewKey("eu"), america = DiHarness.NewKey("us");
        h.UseScripted(h.Services.AddKlaviyoActions("europe", o => o.ApiKey = europe));
        h.UseScripted(h.Services.AddKlaviyoActions("america", o => o.ApiKey = america));
        h.Klaviyo.ThenOk();

        await h.Transport("europe").SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();
        await h.Transport("america").SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.Multiple(() =>
        {
            Assert.That(h.Klaviyo.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { "Klaviyo-API-Key " + europe, "Klaviyo-API-Key " + america }));
            Assert.That(h.Provider.GetRequiredKeyedService<IKlaviyoClient>("europe"), Is.InstanceOf<KlaviyoClient>());
            Assert.That(h.Provider.GetRequiredService<IKlaviyoClientFactory>().CreateClient("america"), Is.InstanceOf<KlaviyoClient>());
            Assert.That(() => h.Provider.GetRequiredService<IKlaviyoClientFactory>().CreateClient("asia"), Throws.InvalidOperationException.With.Message.Contains("'asia'"));
            Assert.That(() => h.Provider.GetRequiredService<IKlaviyoClient>(), Throws.InvalidOperationException, "no default registration was made");
        });
    }

    [Test]
    public async Task A_rotated_key_applies_to_the_next_request_of_the_same_client()
    {
        using var h = new DiHarness();
        string oldKey = DiHarness.NewKey("old"), newKey = DiHarness.NewKey("new");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Klaviyo:ApiKey"] = oldKey }).Build();
        h.UseScripted(h.Services.AddKlaviyoActions(configuration));
        h.Klaviyo.ThenOk();
        var transport = h.Transport();

        await transport.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();
        configuration["Klaviyo:ApiKey"] = newKey;
        configuration.Reload();
        h.Time.Advance(TimeSpan.FromSeconds(1)); // get_accounts allows one call a second
        await transport.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();

        Assert.That(h.Klaviyo.Requests.Select(r => r.Authorization), Is.EqualTo(new[] { "Klaviyo-API-Key " + oldKey, "Klaviyo-API-Key " + newKey }));
    }

    [Test]
    public async Task Calling_AddKlaviyoActions_twice_registers_everything_once()
    {
        using var h = new DiHarness();
        string key = DiHarness.NewKey();
        h.Services.AddKlaviyoActions(o => o.ApiKey = key);
        h.UseScripted(h.Services.AddKlaviyoActions(o => o.Revision = "2025-10-15"));
        h.Klaviyo.ThenOk();

        int Count<T>() => h.Services.Count(d => d.ServiceType == typeof(T));
        Assert.Multiple(() =>
        {
            Assert.That(Count<IKlaviyoClient>(), Is.EqualTo(2), "one default, one keyed");
            Assert.That(h.Services.Count(d => d.ServiceType == typeof(IKlaviyoClient) && !d.IsKeyedService), Is.EqualTo(1));
            Assert.That(Count<IKlaviyoClientFactory>(), Is.EqualTo(1));
            Assert.That(Count<KlaviyoRegistration>(), Is.EqualTo(1));
            Assert.That(Count<KlaviyoSendPolicyProvider>(), Is.EqualTo(1));
            Assert.That(Count<IValidateOptions<KlaviyoClientOptions>>(), Is.EqualTo(1));
            Assert.That(h.Services.Count(d => d.ServiceType == typeof(IPostConfigureOptions<HttpClientFactoryOptions>) && d.ImplementationType == typeof(StackedResilienceHandlerRemover)), Is.EqualTo(1));
        });

        await h.Transport().SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, "api/accounts", null, CancellationToken.None).Settled();
        var request = h.Klaviyo.Requests.Single();
        Assert.That(request.Authorization, Is.EqualTo("Klaviyo-API-Key " + key), "both configurations apply");
        Assert.That(request.Revision, Is.EqualTo("2025-10-15"));
    }

    [Test]
    public void The_apps_time_provider_and_meter_factory_are_used()
    {
        using var h = new DiHarness();
        h.Services.AddMetrics();
        h.Services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey());

        var metrics = h.Provider.GetRequiredService<Klaviyo.Actions.Diagnostics.KlaviyoMetrics>();

        Assert.That(metrics, Is.Not.SameAs(Klaviyo.Actions.Diagnostics.KlaviyoMetrics.Default));
        Assert.That(metrics.Meter.Scope, Is.SameAs(h.Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        Assert.That(metrics.Meter.Name, Is.EqualTo(KlaviyoDiagnostics.MeterName));
    }

    [Test]
    public void In_DI_the_meter_always_comes_from_IMeterFactory()
    {
        // AddHttpClient registers the metrics services, so the static fallback is only for the non-DI client.
        var services = new ServiceCollection();
        services.AddKlaviyoActions(o => o.ApiKey = DiHarness.NewKey());
        using var provider = services.BuildServiceProvider();

        var metrics = provider.GetRequiredService<Klaviyo.Actions.Diagnostics.KlaviyoMetrics>();
        Assert.That(metrics, Is.Not.SameAs(Klaviyo.Actions.Diagnostics.KlaviyoMetrics.Default));
        Assert.That(metrics.Meter.Scope, Is.SameAs(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
    }
}
