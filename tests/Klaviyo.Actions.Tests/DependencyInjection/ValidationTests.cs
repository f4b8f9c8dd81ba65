using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary>Bad settings stop the host at start with a message that names the setting and never the key.</summary>
public class ValidationTests
{
    private const string SecretTail = "S3CRETTAIL9876";
    private const string Key = "pk_" + SecretTail;

    private static IEnumerable<TestCaseData> BrokenSettings()
    {
        TestCaseData Case(string setting, string? value, string expected, string name) =>
            new TestCaseData(setting, value, expected).SetName("Validation: " + name);

        yield return Case("ApiKey", null, "Klaviyo:ApiKey is missing or blank", "missing key");
        yield return Case("ApiKey", "   ", "Klaviyo:ApiKey is missing or blank", "blank key");
        yield return Case("ApiKey", "pk_" + SecretTail + "\n", "Klaviyo:ApiKey contains whitespace", "key with a line break");
        yield return Case("ApiKey", "Ab" + SecretTail, "Klaviyo:ApiKey is not a private API key", "public key instead of private");
        yield return Case("Revision", "2024/10/15", "Klaviyo:Revision '2024/10/15' is not a Klaviyo API revision", "revision with slashes");
        yield return Case("Revision", "2024-13-40", "Klaviyo:Revision '2024-13-40'", "revision that is no date");
        yield return Case("Revision", "latest", "Klaviyo:Revision 'latest'", "revision that is a word");
        yield return Case("BaseAddress", "api/", "Klaviyo:BaseAddress must be an absolute http or https address", "relative base address");
        yield return Case("BaseAddress", "ftp://files.example/", "Klaviyo:BaseAddress must be an absolute http or https address", "non-http base address");
        yield return Case("Resilience:MaxRetryAttempts", "21", "Klaviyo:Resilience:MaxRetryAttempts: The field KlaviyoResilienceOptions.MaxRetryAttempts must be between 0 and 20", "too many retries");
        yield return Case("Resilience:MaxRetryAttempts", "-1", "Klaviyo:Resilience:MaxRetryAttempts", "negative retries");
        yield return Case("Resilience:AttemptTimeout", "00:00:00", "Klaviyo:Resilience:AttemptTimeout must be between 00:00:00.010 and 1.00:00:00", "zero attempt timeout");
        yield return Case("Resilience:TotalTimeout", "00:00:05", "Klaviyo:Resilience:AttemptTimeout (00:00:30) must not exceed Resilience:TotalTimeout", "total timeout below attempt timeout");
        yield return Case("Resilience:MaxDelay", "02:00:00", "Klaviyo:Resilience:MaxDelay must be between", "max delay over an hour");
        yield return Case("Resilience:BaseDelay", "00:05:00", "Klaviyo:Resilience:BaseDelay (00:05:00) must not exceed Resilience:MaxDelay", "base delay above max delay");
        yield return Case("RateLimiting:Share", "0", "Klaviyo:RateLimiting:Share: The field KlaviyoRateLimitOptions.Share must be between 0.1 and 1", "zero share");
        yield return Case("RateLimiting:Share", "1.5", "Klaviyo:RateLimiting:Share", "share above one");
        yield return Case("RateLimiting:MaxWait", "-00:00:01", "Klaviyo:RateLimiting:MaxWait must be between", "negative max wait");
        yield return Case("Batching:MaxBatchItems", "20000", "Klaviyo:Batching:MaxBatchItems must be between 1 and 10,000", "batch above Klaviyo's largest bulk request");
        yield return Case("Batching:MaxBatchItems", "0", "Klaviyo:Batching:MaxBatchItems", "empty batch");
        yield return Case("Batching:MaxBatchBytes", "6000000", "Klaviyo:Batching:MaxBatchBytes must be between 1 and 5,242,880", "batch above 5 MB");
        yield return Case("Batching:Capacity", "0", "Klaviyo:Batching:Capacity must be at least 1", "zero queue capacity");
        yield return Case("Batching:MaxDelay", "00:00:00", "Klaviyo:Batching:MaxDelay must be greater than zero", "zero flush delay");
        yield return Case("Batching:JobTrackingTimeout", "-00:00:01", "Klaviyo:Batching:JobTrackingTimeout", "negative job tracking timeout");
    }

    [TestCaseSource(nameof(BrokenSettings))]
    public async Task A_bad_setting_stops_the_host_naming_the_setting(string setting, string? value, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Klaviyo:ApiKey"] = Key,
            ["Klaviyo:" + setting] = value,
        });
        builder.Services.AddKlaviyoActions(builder.Configuration);
        using var host = builder.Build();

        var error = await ThrowsOnStartAsync(host);

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(expected));
            Assert.That(error.Message, Does.Not.Contain(SecretTail), "the key (or a fragment) leaked into the message");
        });
    }

    [Test]
    public async Task A_named_registration_bound_from_a_section_names_the_section_path()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Accounts:Europe:Revision"] = "2026-07-15" });
        builder.Services.AddKlaviyoActions("europe", builder.Configuration.GetSection("Accounts:Europe"));
        using var host = builder.Build();

        var error = await ThrowsOnStartAsync(host);

        Assert.That(error.Message, Does.Contain("Accounts:Europe:ApiKey is missing or blank"));
    }

    [Test]
    public async Task Code_configuration_is_validated_too_and_all_failures_are_listed()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddKlaviyoActions("crm", o =>
        {
            o.ApiKey = "";
            o.Resilience.MaxRetryAttempts = 50;
        });
        using var host = builder.Build();

        var error = await ThrowsOnStartAsync(host);

        Assert.That(error.Failures.Count(), Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("Klaviyo(crm):ApiKey").And.Contain("Klaviyo(crm):Resilience:MaxRetryAttempts"));
    }

    [Test]
    public async Task Valid_settings_start_the_host()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Klaviyo:ApiKey"] = Key, ["Klaviyo:Revision"] = "2024-10-15.pre" });
        builder.Services.AddKlaviyoActions(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    [Test]
    public void The_non_DI_constructor_rejects_invalid_resilience_settings_naming_them()
    {
        var options = new KlaviyoClientOptions { ApiKey = Key };
        options.Resilience.AttemptTimeout = TimeSpan.Zero;

        Assert.That(() => new KlaviyoClient(options), Throws.ArgumentException
            .With.Message.Contains("Resilience.AttemptTimeout")
            .And.Message.Not.Contains(SecretTail));
    }

    [Test]
    public void The_non_DI_constructor_requires_a_key()
    {
        Assert.That(() => new KlaviyoClient(new KlaviyoClientOptions()), Throws.ArgumentException.With.Message.Contains("ApiKey"));
    }

    private static async Task<OptionsValidationException> ThrowsOnStartAsync(IHost host)
    {
        try
        {
            await host.StartAsync();
        }
        catch (OptionsValidationException ex)
        {
            return ex;
        }

        await host.StopAsync();
        throw new AssertionException("The host started.");
    }
}
