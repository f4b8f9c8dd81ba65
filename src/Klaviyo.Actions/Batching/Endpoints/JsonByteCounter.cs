using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// Measures the UTF-8 size of JSON without keeping the bytes, for <see cref="IBulkEndpoint{TPart}.Measure"/>
/// and <see cref="IBulkEndpoint{TPart}.MeasureEnvelope"/>: the writer and a scratch buffer are reused per thread,
/// so measuring allocates nothing once warm. Measure with the same type info (or writing code) the request uses.
/// The scratch bytes are zeroed after every measure: no customer data stays with the thread.
/// </summary>
internal static class JsonByteCounter
{
    [ThreadStatic]
    private static CountingBufferWriter? t_counter;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The size of <paramref name="value"/> serialized with <paramref name="typeInfo"/>.</summary>
    public static int Measure<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return Measure(writer => JsonSerializer.Serialize(writer, value, typeInfo));
    }

    /// <summary>The size of whatever <paramref name="write"/> writes.</summary>
    public static int Measure(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var counter = t_counter ??= new CountingBufferWriter();
        counter.Reset();
        var writer = t_writer;
        if (writer is null)
        {
            writer = t_writer = new Utf8JsonWriter(counter, new JsonWriterOptions { SkipValidation = true });
        }
        else
        {
            writer.Reset(counter);
        }

        try
        {
            write(writer);
            writer.Flush();
            return checked((int)counter.Count);
        }
        finally
        {
            // Flushed first so bytes the writer still holds reach the scratch buffer and are zeroed with it.
            writer.Flush();
            writer.Reset(counter);
            counter.Clear();
        }
    }

    /// <summary>Whether this thread's scratch buffer holds only zeroes (for tests).</summary>
    internal static bool ScratchIsZeroed() => t_counter is not { } counter || counter.IsZeroed();

    /// <summary>Counts bytes written into a reused scratch buffer.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];
        private int _touched;

        public long Count { get; private set; }

        public void Reset() => Count = 0;

        /// <summary>Zeroes what was written (every chunk is written at the start of the scratch buffer).</summary>
        public void Clear()
        {
            Array.Clear(_scratch, 0, Math.Min(_touched, _scratch.Length));
            _touched = 0;
        }

        public bool IsZeroed() => !_scratch.AsSpan().ContainsAnyExcept((byte)0);

        public void Advance(int count)
        {
            Count += count;
            _touched = Math.Max(_touched, count);
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[Math.Max(sizeHint, _scratch.Length * 2)];
            }

            return _scratch;
        }
    }
}
