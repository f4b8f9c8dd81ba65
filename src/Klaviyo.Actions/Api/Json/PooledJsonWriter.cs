using System.Buffers;
using System.Text.Json;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Writes one JSON value with a hand-written <see cref="Utf8JsonWriter"/> pass into a per-thread buffer and copies
/// it once into an exact-size array. The writer's options match what <see cref="KlaviyoJsonContext"/> serializes
/// with (default encoder, compact, depth 64), so a hand-written pass gives the bytes the serializer would.
/// The buffer is cleared after every use: no caller data stays in memory beyond the call.
/// </summary>
internal static class PooledJsonWriter
{
    /// <summary>A buffer that grew beyond this is dropped after use instead of kept for the thread.</summary>
    private const int MaxRetainedBytes = 16 * 1024;

    private static readonly JsonWriterOptions Options = new() { SkipValidation = true, MaxDepth = 64 };

    [ThreadStatic]
    private static Slot? t_slot;

    /// <summary>Writes <paramref name="state"/> through <paramref name="write"/> and returns the UTF-8 bytes.</summary>
    /// <typeparam name="TState">What is written.</typeparam>
    /// <param name="state">What is written.</param>
    /// <param name="write">Writes exactly one JSON value (pass a static lambda: no allocation per call).</param>
    /// <exception cref="WireValueException">A custom value cannot be represented.</exception>
    public static byte[] ToArray<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        // Taken, not borrowed: a nested call on the same thread gets a fresh slot instead of sharing this one.
        var slot = t_slot ?? new Slot();
        t_slot = null;
        try
        {
            slot.Writer.Reset(slot.Buffer);
            write(slot.Writer, state);
            slot.Writer.Flush();
            return slot.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // After a failure the writer may hold bytes it has not advanced past: flush them so Clear zeroes them too.
            slot.Writer.Flush();
            slot.Buffer.Clear();
            slot.Writer.Reset(slot.Buffer);
            if (slot.Buffer.Capacity <= MaxRetainedBytes)
            {
                t_slot = slot;
            }
        }
    }

    private sealed class Slot
    {
        public Slot()
        {
            Writer = new Utf8JsonWriter(Buffer, Options);
        }

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public Utf8JsonWriter Writer { get; }
    }
}
