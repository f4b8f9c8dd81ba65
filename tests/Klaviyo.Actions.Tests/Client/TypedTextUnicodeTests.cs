using System.Net;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

/// <summary>
/// A lone surrogate in a typed text field (not a free-form property) is a validation error naming the field, found by
/// checking the text before it is written, and nothing is sent.
/// </summary>
public class TypedTextUnicodeTests
{
    private const string HalfEmoji = "gift \ud83d";

    [Test]
    public void A_lone_surrogate_in_the_unique_id_names_unique_id()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var error = Assert.ThrowsAsync<KlaviyoValidationException>(() => api.CreateClient().TrackEventAsync(new TrackEventRequest
        {
            Profile = new EventProfile { Email = "jane@example.com" },
            MetricName = "Viewed Product",
            UniqueId = HalfEmoji,
        }));

        Assert.That((error!.Errors.Single().Field, error.Errors.Single().Rule), Is.EqualTo(("unique_id", "invalid_unicode")));
        Assert.That(api.Requests, Is.Empty);
    }

    [Test]
    public void A_lone_surrogate_in_a_profile_field_names_the_field()
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", HttpStatusCode.Accepted);

        var error = Assert.ThrowsAsync<KlaviyoValidationException>(() => api.CreateClient().TrackEventAsync(new TrackEventRequest
        {
            Profile = new EventProfile { Email = "jane@example.com", ExternalId = HalfEmoji },
            MetricName = "Viewed Product",
        }));

        Assert.That((error!.Errors.Single().Field, error.Errors.Single().Rule), Is.EqualTo(("external_id", "invalid_unicode")));
        Assert.That(error.Message, Does.Not.Contain("gift"), "the value is not echoed");
        Assert.That(api.Requests, Is.Empty);
    }
}
