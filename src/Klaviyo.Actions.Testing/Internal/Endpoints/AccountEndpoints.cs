using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary><c>GET /api/accounts</c>: the one account the key belongs to.</summary>
internal sealed class AccountEndpoints(string accountId)
{
    private static readonly NameSet Query = NameSet.Of("fields[account]");

    public EmulatorResponse Get(EmulatorRequest request)
    {
        if (QueryParameters.CheckAllowed(request, Query) is { } queryError)
        {
            return EmulatorResponse.Error(queryError);
        }

        return EmulatorResponse.Json(200, JsonWriting.Build((accountId, request), static (writer, state) =>
        {
            var (id, request) = state;
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            writer.WriteStartObject();
            writer.WriteString("type", "account");
            writer.WriteString("id", id);
            writer.WriteStartObject("attributes");
            writer.WriteBoolean("test_account", true);
            writer.WriteStartObject("contact_information");
            writer.WriteString("default_sender_name", "Klaviyo Emulator");
            writer.WriteString("default_sender_email", "sender@emulator.invalid");
            writer.WriteString("website_url", "https://emulator.invalid");
            writer.WriteString("organization_name", "Klaviyo Emulator");
            writer.WriteStartObject("street_address");
            writer.WriteString("address1", "1 Loopback Way");
            writer.WriteNull("address2");
            writer.WriteString("city", "Localhost");
            writer.WriteString("region", "LH");
            writer.WriteString("country", "US");
            writer.WriteString("zip", "00000");
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteString("industry", "Software");
            writer.WriteString("timezone", "UTC");
            writer.WriteString("preferred_currency", "USD");
            writer.WriteString("public_api_key", id);
            writer.WriteString("locale", "en-US");
            writer.WriteEndObject();
            writer.WriteStartObject("links");
            writer.WriteString("self", request.Url("api/accounts/" + id));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartObject("links");
            writer.WriteString("self", request.Url("api/accounts"));
            writer.WriteNull("next");
            writer.WriteNull("prev");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
    }
}
