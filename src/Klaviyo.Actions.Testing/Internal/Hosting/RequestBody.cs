namespace Klaviyo.Actions.Testing.Internal.Hosting;

/// <summary>A request body read into memory, or the fact that it was larger than the limit.</summary>
internal readonly record struct RequestBody(byte[] Bytes, long Length, bool TooLarge)
{
    public static RequestBody None { get; } = new([], 0, false);

    public bool IsEmpty => Length == 0;
}
