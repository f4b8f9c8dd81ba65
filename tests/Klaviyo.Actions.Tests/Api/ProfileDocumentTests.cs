using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Tests.Api.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class ProfileDocumentTests
{
    private static byte[] Serialize(UpsertProfileRequest request) =>
        KlaviyoWire.Serialize(new ProfileDocument(new ProfileResource(null, ProfileAttributes.From(request))), KlaviyoJsonContext.Default.ProfileDocument, "upsertProfile");

    [Test]
    public void Absent_attributes_are_omitted_null_clears_and_values_are_sent()
    {
        var request = new UpsertProfileRequest
        {
            Email = "jane@example.com",
            FirstName = "Jane",
            LastName = null,
            Location = new ProfileLocation { City = "Paris", Zip = null },
        };

        JsonAssert.AreEquivalent(
            """
            {"data":{"type":"profile","attributes":{
              "email":"jane@example.com","first_name":"Jane","last_name":null,
              "location":{"city":"Paris","zip":null}}}}
            """,
            Serialize(request));
    }

    [Test]
    public void Optional_members_use_their_converters_even_when_a_location_is_the_root()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(
            new LocationAttributes { City = "Paris", Zip = null },
            KlaviyoJsonContext.Default.LocationAttributes);

        JsonAssert.AreEquivalent("""{"city":"Paris","zip":null}""", json);
    }

    [Test]
    public void Empty_identifiers_are_omitted_like_null_ones()
    {
        JsonAssert.AreEquivalent(
            """{"data":{"type":"profile","attributes":{"external_id":"u1"}}}""",
            Serialize(new UpsertProfileRequest { Email = "", PhoneNumber = null, ExternalId = "u1" }));
    }
}
