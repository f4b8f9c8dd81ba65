using Klaviyo.Actions.Extensions.DependencyInjection.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.DependencyInjection;

/// <summary><c>new KlaviyoClient(options)</c> applies the rules the DI validator applies at start (one rule set in the core).</summary>
public class SharedOptionsRulesTests
{
    [TestCase("banana", "Revision 'banana' is not a Klaviyo API revision")]
    [TestCase("2024-13-40", "Revision '2024-13-40' is not a Klaviyo API revision")]
    public void The_constructor_rejects_a_revision_the_validator_rejects(string revision, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new KlaviyoClient(new KlaviyoClientOptions { ApiKey = "pk_fake_0123456789abcdefgh", Revision = revision }));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void The_constructor_rejects_a_public_key_without_quoting_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlaviyoClient(new KlaviyoClientOptions { ApiKey = "AbCdEfSECRET" }));
        Assert.That(error!.Message, Does.Contain("ApiKey is not a private API key").And.Not.Contain("SECRET"));
    }

    [TestCase("Klaviyo", "Klaviyo__ApiKey")]
    [TestCase("Klaviyo:Accounts:Europe", "Klaviyo__Accounts__Europe__ApiKey")]
    [TestCase("Klaviyo(europe)", "Klaviyo__ApiKey")]
    public void A_missing_key_names_the_registrations_own_environment_variable(string prefix, string variable) =>
        Assert.That(KlaviyoClientOptionsValidator.ApiKeyVariable(prefix), Is.EqualTo(variable));
}
