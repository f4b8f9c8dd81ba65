namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Reads a request body up to a byte limit (after any Content-Encoding was undone).</summary>
internal static class RequestBodyReader
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        // A declared length only counts when the body is not compressed (then it is the compressed size).
        if (request.ContentLength > limit && !request.Headers.ContentEncoding.Any(e => !string.IsNullOrEmpty(e)))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
