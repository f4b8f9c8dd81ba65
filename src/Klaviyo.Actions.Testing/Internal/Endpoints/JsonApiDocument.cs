using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Reads the primary <c>data</c> of a request document.</summary>
internal static class JsonApiDocument
{
    /// <summary>Gets <c>data</c> as a resource object of <paramref name="type"/>.</summary>
    public static bool TryGetResource(EmulatorRequest request, string type, Problems problems, out JsonElement data)
    {
        if (!TryGetData(request, JsonValueKind.Object, problems, out data))
        {
            return false;
        }

        return JsonShape.ResourceType(data, type, "/data", problems);
    }

    /// <summary>Gets <c>data</c> and checks its kind (object for resources, array for relationship linkage).</summary>
    public static bool TryGetData(EmulatorRequest request, JsonValueKind kind, Problems problems, out JsonElement data)
    {
        data = default;
        if (request.Body is not { } root)
        {
            problems.Invalid("/data", "The request body must be a JSON:API document with a 'data' member.");
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Invalid("/data", "The request body must be a JSON object.");
            return false;
        }

        if (!root.TryGetProperty("data", out data))
        {
            problems.Invalid("/data", "'data' is a required field.");
            return false;
        }

        if (data.ValueKind != kind)
        {
            problems.Invalid("/data", kind == JsonValueKind.Array ? "'data' must be an array." : "'data' must be an object.");
            return false;
        }

        return true;
    }
}
