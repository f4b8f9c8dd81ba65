using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Klaviyo.Actions.Api;

/// <summary>Turns a Klaviyo error response (JSON:API, HTML or empty) into a <see cref="KlaviyoApiException"/>.</summary>
internal static partial class KlaviyoErrorParser
{
    /// <summary>Builds the exception for a non-success response whose body was already read.</summary>
    public static KlaviyoApiException CreateException(
        HttpResponseMessage response,
        byte[] body,
        string method,
        string path,
        TimeProvider? timeProvider = null)
    {
        var errors = ParseErrors(body);
        var retryAfter = RetryAfter(response, timeProvider ?? TimeProvider.System) ?? RetryAfterFromDetail(errors);
        string? text = body.Length == 0 ? null : DecodeCapped(body);
        string? requestId = RequestId(response);
        return new KlaviyoApiException(response.StatusCode, method, path, errors, retryAfter, text, requestId);
    }

    /// <summary>Parses <c>errors[]</c>; returns an empty list for anything that is not a JSON:API error document.</summary>
    public static IReadOnlyList<KlaviyoError> ParseErrors(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("errors", out var array) ||
                array.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var errors = new List<KlaviyoError>(array.GetArrayLength());
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    errors.Add(ParseError(item));
                }
            }

            return errors;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Reads <c>Retry-After</c> as delta-seconds or an HTTP date; negative values become zero.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header is null)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads "Expected available in N second(s)" from a throttling error's detail.</summary>
    public static TimeSpan? RetryAfterFromDetail(IReadOnlyList<KlaviyoError> errors)
    {
        foreach (var error in errors)
        {
            if (error.Detail is { } detail)
            {
                var match = ExpectedAvailable().Match(detail);
                if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
                {
                    return TimeSpan.FromSeconds(seconds);
                }
            }
        }

        return null;
    }

    private static KlaviyoError ParseError(JsonElement item)
    {
        string? pointer = null, parameter = null;
        if (item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            pointer = String(source, "pointer");
            parameter = String(source, "parameter");
        }

        Dictionary<string, JsonElement>? meta = null;
        if (item.TryGetProperty("meta", out var metaElement) && metaElement.ValueKind == JsonValueKind.Object)
        {
            meta = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in metaElement.EnumerateObject())
            {
                meta[property.Name] = property.Value.Clone();
            }
        }

        return new KlaviyoError
        {
            Id = String(item, "id"),
            Status = Status(item),
            Code = String(item, "code"),
            Title = String(item, "title"),
            Detail = String(item, "detail"),
            SourcePointer = pointer,
            SourceParameter = parameter,
            Meta = meta,
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Status(JsonElement element)
    {
        if (!element.TryGetProperty("status", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt32(out int n) => n,
            JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) => s,
            _ => null,
        };
    }

    private static string? RequestId(HttpResponseMessage response)
    {
        foreach (string name in (ReadOnlySpan<string>)["x-request-id", "x-klaviyo-request-id", "cf-ray"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    private static string DecodeCapped(byte[] body)
    {
        int length = Math.Min(body.Length, KlaviyoApiException.MaxResponseContentLength * 4);
        return Encoding.UTF8.GetString(body, 0, length);
    }

    [GeneratedRegex(@"available in (\d+) second", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExpectedAvailable();
}
