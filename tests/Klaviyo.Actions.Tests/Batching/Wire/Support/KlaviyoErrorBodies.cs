using System.Net;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Tests.Batching.Wire.Support;

/// <summary>Klaviyo error answers in the shape Klaviyo sends them (JSON:API <c>errors[]</c> with <c>source.pointer</c>).</summary>
internal static class KlaviyoErrorBodies
{
    public const string UnsupportedRegion = "Phone number is valid but is not in a supported region for this account.";

    /// <summary>A 400 whose errors point where given: <c>(pointer, detail)</c>.</summary>
    public static HttpResponseMessage BadRequest(params (string Pointer, string Detail)[] errors)
    {
        var array = new JsonArray();
        foreach (var (pointer, detail) in errors)
        {
            array.Add(new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["status"] = 400,
                ["code"] = "invalid",
                ["title"] = "Invalid input.",
                ["detail"] = detail,
                ["source"] = new JsonObject { ["pointer"] = pointer },
                ["links"] = new JsonObject(),
                ["meta"] = new JsonObject(),
            });
        }

        return BulkWireMock.Json(HttpStatusCode.BadRequest, new JsonObject { ["errors"] = array }.ToJsonString());
    }
}
