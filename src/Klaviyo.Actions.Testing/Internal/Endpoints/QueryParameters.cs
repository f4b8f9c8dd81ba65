using System.Globalization;
using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.JsonApi;
using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Checks query parameters: the allowed names, <c>page[size]</c>, <c>page[cursor]</c> and <c>additional-fields[profile]</c>.</summary>
internal static class QueryParameters
{
    public const string AdditionalProfileFields = "additional-fields[profile]";

    /// <summary>Reports the first parameter that is not in <paramref name="allowed"/>.</summary>
    public static JsonApiError? CheckAllowed(EmulatorRequest request, NameSet allowed)
    {
        foreach (var (name, _) in request.Query)
        {
            if (!allowed.Contains(name))
            {
                return ApiErrors.InvalidParameter(name, $"'{name}' is not a valid query parameter for this endpoint.");
            }
        }

        return null;
    }

    public static JsonApiError? PageSize(EmulatorRequest request, int max, int defaultSize, out int size)
    {
        size = defaultSize;
        string? text = request.Query["page[size]"];
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size >= 1 && size <= max)
        {
            return null;
        }

        return ApiErrors.InvalidParameter("page[size]", $"'page[size]' must be an integer between 1 and {max}.");
    }

    public static JsonApiError? Cursor(EmulatorRequest request, out long position)
    {
        position = 0;
        string? text = request.Query["page[cursor]"];
        if (text is null)
        {
            return null;
        }

        return Cursors.TryDecode(text, out position) ? null : ApiErrors.InvalidParameter("page[cursor]", "Invalid cursor.");
    }

    /// <summary>Reads <c>additional-fields[profile]</c>; returns whether <c>subscriptions</c> was asked for.</summary>
    public static JsonApiError? AdditionalProfileFieldsValue(EmulatorRequest request, out bool subscriptions)
    {
        subscriptions = false;
        string? text = request.Query[AdditionalProfileFields];
        if (text is null)
        {
            return null;
        }

        foreach (string field in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (field == "subscriptions")
            {
                subscriptions = true;
            }
            else if (field != "predictive_analytics")
            {
                return ApiErrors.InvalidParameter(AdditionalProfileFields, $"'{field}' is not a valid additional field for 'profile'.");
            }
        }

        return null;
    }
}
