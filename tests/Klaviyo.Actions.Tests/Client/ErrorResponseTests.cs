using System.Net;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Client;

public class ErrorResponseTests
{
    private static KlaviyoApiException Fail(HttpStatusCode status, string? body, Action<HttpResponseMessage>? configure = null)
    {
        var api = new KlaviyoApiMock();
        api.On(HttpMethod.Post, "api/events", status, body, configure: configure);
        var ex = Assert.ThrowsAsync<KlaviyoApiException>(() => api.CreateClient().TrackEventAsync(new TrackEventRequest
        {
            MetricName = "Viewed",
            Profile = new EventProfile { Email = "jane@example.com" },
            UniqueId = "u-1",
        }));
        Assert.That(ex!.Message + ex, Does.Not.Contain(KlaviyoApiMock.ApiKey));
        Assert.That(ex.ToString(), Does.Not.Contain("Klaviyo-API-Key"));
        Assert.That(ex.Method, Is.EqualTo("POST"));
        Assert.That(ex.Path, Is.EqualTo("/api/events"));
        return ex;
    }

    [Test]
    public void A_400_keeps_code_detail_and_pointer()
    {
        var ex = Fail(HttpStatusCode.BadRequest, KlaviyoBodies.Invalid400);

        var error = ex.Errors.Single();
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.Status, Is.EqualTo(400));
        Assert.That(error.Code, Is.EqualTo("invalid"));
        Assert.That(error.SourcePointer, Is.EqualTo("/data/attributes/phone_number"));
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(ex.RetryAfter, Is.Null);
        Assert.That(ex.Message, Does.Contain("/data/attributes/phone_number"));
        Assert.That(ex.RequestId, Is.EqualTo("2c76424d-b1ff-4afd-a2a1-728d85dac775"));
    }

    [Test]
    public void A_409_exposes_the_duplicate_profile_id()
    {
        var ex = Fail(HttpStatusCode.Conflict, KlaviyoBodies.DuplicateProfile409);

        Assert.That(ex.DuplicateProfileId, Is.EqualTo("01DUPLICATEPROFILE"));
        Assert.That(ex.Errors.Single().Code, Is.EqualTo("duplicate_profile"));
        Assert.That(ex.IsTransient, Is.False);
    }

    [Test]
    public void A_429_with_retry_after_uses_the_header()
    {
        var ex = Fail(HttpStatusCode.TooManyRequests, KlaviyoBodies.Throttled429, r => r.Headers.Add("Retry-After", "3"));

        Assert.That(ex.IsRateLimited, Is.True);
        Assert.That(ex.IsTransient, Is.True);
        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(ex.Errors.Single().Code, Is.EqualTo("throttled"));
    }

    [Test]
    public void A_429_without_retry_after_reads_the_detail()
    {
        var ex = Fail(HttpStatusCode.TooManyRequests, KlaviyoBodies.Throttled429);

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void A_403_html_page_keeps_a_capped_copy_of_the_body_and_no_errors()
    {
        string html = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>" + new string('x', 20_000) + "</body></html>";
        var ex = Fail(HttpStatusCode.Forbidden, null, r =>
        {
            r.Content = new StringContent(html, System.Text.Encoding.UTF8, "text/html");
            r.Headers.Add("cf-mitigated", "challenge");
        });

        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(ex.Errors, Is.Empty);
        Assert.That(ex.IsTransient, Is.False);
        Assert.That(ex.ResponseContent, Has.Length.EqualTo(KlaviyoApiException.MaxResponseContentLength));
        Assert.That(ex.ResponseContent, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(ex.Message, Does.Contain("403").And.Contain("no JSON:API error body"));
    }

    [Test]
    public void An_empty_502_is_transient_with_no_content()
    {
        var ex = Fail(HttpStatusCode.BadGateway, null);

        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(ex.Errors, Is.Empty);
        Assert.That(ex.ResponseContent, Is.Null);
        Assert.That(ex.IsTransient, Is.True);
        Assert.That(ex.RetryAfter, Is.Null);
    }
}
