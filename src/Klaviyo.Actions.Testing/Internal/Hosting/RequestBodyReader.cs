using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>
/// Reads a request body once, up to a limit. A larger body is read to its end and discarded so the client receives the
/// <c>413</c> instead of a reset connection.
/// </summary>
internal static class RequestBodyReader
{
    private const long MaxDrainBytes = 512L * 1024 * 1024;

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        bool canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0)
        {
            return RequestBody.None;
        }

        var stream = request.Body;
        if (request.ContentLength is { } declared && declared > limit)
        {
            long drained = await DrainAsync(stream, cancellationToken).ConfigureAwait(false);
            return new RequestBody([], Math.Max(declared, drained), true);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, limit + 1));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        long rest = await DrainAsync(stream, cancellationToken).ConfigureAwait(false);
                        return new RequestBody([], length + rest, true);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > limit)
            {
                return new RequestBody([], length, true);
            }

            return new RequestBody(buffer.AsSpan(0, length).ToArray(), length, false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<long> DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxDrainBytes)
                {
                    break;
                }
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
