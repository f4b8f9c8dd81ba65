namespace Klaviyo.Actions.Testing.Internal.JsonApi;

/// <summary>What an endpoint answers: status, optional body and extra headers.</summary>
internal sealed class EmulatorResponse
{
    public const string JsonApiMediaType = "application/vnd.api+json";

    private List<KeyValuePair<string, string>>? _headers;

    private EmulatorResponse(int statusCode, ReadOnlyMemory<byte> body, string? contentType)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    public int StatusCode { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public string? ContentType { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? [];

    public static EmulatorResponse Json(int statusCode, byte[] body) => new(statusCode, body, JsonApiMediaType);

    public static EmulatorResponse PlainJson(int statusCode, byte[] body) => new(statusCode, body, "application/json");

    public static EmulatorResponse Empty(int statusCode) => new(statusCode, ReadOnlyMemory<byte>.Empty, null);

    public static EmulatorResponse Html(int statusCode, byte[] body) => new(statusCode, body, "text/html; charset=UTF-8");

    public static EmulatorResponse Error(JsonApiError error) => Errors([error]);

    /// <summary>An error document; its status is the errors' status when they agree, else 400.</summary>
    public static EmulatorResponse Errors(IReadOnlyList<JsonApiError> errors)
    {
        int status = errors[0].Status;
        for (int i = 1; i < errors.Count; i++)
        {
            if (errors[i].Status != status)
            {
                status = 400;
                break;
            }
        }

        return Json(status, JsonApiErrorWriter.Write(errors));
    }

    public EmulatorResponse WithHeader(string name, string value)
    {
        (_headers ??= []).Add(new(name, value));
        return this;
    }
}
