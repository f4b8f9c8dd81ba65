using Klaviyo.Actions.Api;
using Klaviyo.Actions.Operations;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class FilterAndPagingTests
{
    [Test]
    public void Any_quotes_and_escapes_each_value()
    {
        Assert.That(KlaviyoFilter.Any("email", ["a@x.com", "b\"c\\d@x.com", "tab\there"]),
            Is.EqualTo("""any(email,["a@x.com","b\"c\\d@x.com","tab\u0009here"])"""));
    }

    [Test]
    public void Equals_quotes_the_value()
    {
        Assert.That(KlaviyoFilter.EqualTo("name", "My \"VIP\" list"), Is.EqualTo("""equals(name,"My \"VIP\" list")"""));
    }

    [Test]
    public void The_filter_parameter_is_fully_percent_encoded()
    {
        Assert.That(KlaviyoFilter.QueryParameter("""any(phone_number,["+14155552671"])"""),
            Is.EqualTo("filter=any%28phone_number%2C%5B%22%2B14155552671%22%5D%29"));
    }

    [Test]
    public void Lookup_paths_use_page_size_100()
    {
        Assert.That(ProfileIdLookup.FirstPagePath(ProfileIdentifierKind.ExternalId, ["u 1"]),
            Is.EqualTo("api/profiles?filter=any%28external_id%2C%5B%22u%201%22%5D%29&page[size]=100"));
    }

    [TestCase("https://a.klaviyo.com/api/profiles?filter=x&page%5Bcursor%5D=abc", "api/profiles?filter=x&page%5Bcursor%5D=abc")]
    [TestCase("https://proxy.internal/klaviyo/api/lists?page%5Bcursor%5D=c", "api/lists?page%5Bcursor%5D=c")]
    [TestCase("/api/lists?page%5Bcursor%5D=c", "api/lists?page%5Bcursor%5D=c")]
    [TestCase(null, null)]
    [TestCase("", null)]
    public void Next_links_become_relative_paths(string? next, string? expected)
    {
        Assert.That(KlaviyoPaging.NextPath(next), Is.EqualTo(expected));
    }

    [Test]
    public void Identifier_sets_skip_empty_values_and_collapse_repeats()
    {
        var set = new ProfileIdentifierSet();
        set.Add(new RemoveProfileRequest { ListId = "L", Email = "a@x.com", PhoneNumber = "", ExternalId = null });
        set.Add(new RemoveProfileRequest { ListId = "L", Email = "a@x.com", ExternalId = "u1" });
        set.Add(ProfileIdentifierKind.Email, "b@x.com");

        Assert.That(set.Values(ProfileIdentifierKind.Email), Is.EqualTo(new[] { "a@x.com", "b@x.com" }));
        Assert.That(set.Values(ProfileIdentifierKind.ExternalId), Is.EqualTo(new[] { "u1" }));
        Assert.That(set.Values(ProfileIdentifierKind.PhoneNumber), Is.Empty);
        Assert.That(new ProfileIdentifierSet().IsEmpty, Is.True);
    }
}
