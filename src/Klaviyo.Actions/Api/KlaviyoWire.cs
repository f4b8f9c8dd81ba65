using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Klaviyo.Actions.Api.Json;
using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Api;

/// <summary>
/// Serializes wire documents to UTF-8 and reads responses, always through <see cref="KlaviyoJsonContext"/>
/// metadata. A value a document cannot represent becomes a <see cref="KlaviyoValidationException"/>.
/// </summary>
internal static class KlaviyoWire
{
    /// <summary>Serializes a document to UTF-8 JSON.</summary>
    /// <param name="value">The document.</param>
    /// <param name="typeInfo">Its metadata from <see cref="KlaviyoJsonContext"/>.</param>
    /// <param name="action">The action named in a validation error, e.g. <c>trackEvent</c>.</param>
    /// <exception cref="KlaviyoValidationException">A custom value is unsupported, too deep or uses a reserved key.</exception>
    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo, string action)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        }
        catch (WireValueException ex)
        {
            throw new KlaviyoValidationException(action, [ex.ToError()]);
        }
        catch (ArgumentException ex) when (ex.GetType() == typeof(ArgumentException))
        {
            // Typed text the hand-written writers and the Optional converter did not see (a list name, a custom
            // source): the JSON writer refuses text that is not valid UTF-16 with an ArgumentException, and nothing
            // else it writes from these documents can be an invalid argument.
            throw new KlaviyoValidationException(action, [new WireValueException("$", ValueRules.InvalidUnicode, "A text field is not valid Unicode (a lone surrogate).").ToError()]);
        }
    }

    /// <summary>Runs a hand-written serialization (e.g. <see cref="Documents.EventFragmentWriter"/>) and names the action on a bad value.</summary>
    /// <param name="value">What is written.</param>
    /// <param name="write">The writer pass, returning the UTF-8 bytes.</param>
    /// <param name="action">The action named in a validation error, e.g. <c>trackEvent</c>.</param>
    /// <exception cref="KlaviyoValidationException">A custom value is unsupported, too deep or uses a reserved key.</exception>
    public static byte[] Write<T>(T value, Func<T, byte[]> write, string action)
    {
        try
        {
            return write(value);
        }
        catch (WireValueException ex)
        {
            throw new KlaviyoValidationException(action, [ex.ToError()]);
        }
    }

    /// <summary>Serializes a document into a fragment to embed in a bulk document.</summary>
    /// <inheritdoc cref="Serialize{T}(T, JsonTypeInfo{T}, string)"/>
    public static JsonFragment ToFragment<T>(T value, JsonTypeInfo<T> typeInfo, string action) =>
        new(Serialize(value, typeInfo, action));

    /// <summary>Reads a successful response body.</summary>
    /// <param name="response">The response.</param>
    /// <param name="typeInfo">The body's metadata from <see cref="KlaviyoJsonContext"/>.</param>
    /// <param name="request">The request, for the error message, e.g. <c>GET api/accounts</c>.</param>
    /// <exception cref="InvalidOperationException">The body is empty or not the expected JSON.</exception>
    public static T Read<T>(KlaviyoResponse response, JsonTypeInfo<T> typeInfo, string request)
        where T : class
    {
        try
        {
            if (response.Body.Length > 0 && JsonSerializer.Deserialize(response.Body, typeInfo) is { } value)
            {
                return value;
            }
        }
        catch (JsonException ex)
        {
            throw Unexpected(response, request, ex.Message, ex);
        }

        throw Unexpected(response, request, "the body is empty", null);
    }

    /// <summary>An error for a 2xx answer that lacks what the operation needs.</summary>
    /// <param name="response">The response.</param>
    /// <param name="request">The request, e.g. <c>POST api/profile-import</c>.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="inner">The cause, if any.</param>
    public static InvalidOperationException Unexpected(KlaviyoResponse response, string request, string problem, Exception? inner = null) =>
        new($"Klaviyo answered {(int)response.StatusCode} to {request} but {problem}; the response could not be used.", inner);
}
