using System.Text;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A bounded ring of the latest requests; bodies are cut at the configured limit when recorded.</summary>
internal sealed class RequestLog(int capacity, int bodyLimit)
{
    private readonly object _gate = new();
    private readonly Entry?[] _ring = new Entry?[capacity];
    private long _sequence;
    private int _next;
    private int _count;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(
        long sequence,
        DateTimeOffset timestamp,
        string method,
        string path,
        string query,
        string? operation,
        int statusCode,
        Dictionary<string, string> headers,
        ReadOnlyMemory<byte> body,
        long bodyLength,
        ReadOnlyMemory<byte> responseBody,
        EmulatorFaultKind? fault)
    {
        if (capacity == 0)
        {
            return;
        }

        var entry = new Entry(
            sequence, timestamp, method, path, query, operation, statusCode, headers, Cut(body), bodyLength, Cut(responseBody), fault);
        lock (_gate)
        {
            _ring[_next] = entry;
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }
    }

    public List<EmulatedRequest> Snapshot()
    {
        Entry[] entries;
        lock (_gate)
        {
            entries = new Entry[_count];
            int start = (_next - _count + capacity) % Math.Max(capacity, 1);
            for (int i = 0; i < _count; i++)
            {
                entries[i] = _ring[(start + i) % capacity]!;
            }
        }

        return entries.OrderBy(entry => entry.Sequence).Select(entry => entry.ToSnapshot()).ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            System.Array.Clear(_ring);
            _next = 0;
            _count = 0;
        }
    }

    private byte[]? Cut(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? null : body[..Math.Min(body.Length, bodyLimit)].ToArray();

    private sealed record Entry(
        long Sequence,
        DateTimeOffset Timestamp,
        string Method,
        string Path,
        string Query,
        string? Operation,
        int StatusCode,
        Dictionary<string, string> Headers,
        byte[]? Body,
        long BodyLength,
        byte[]? ResponseBody,
        EmulatorFaultKind? Fault)
    {
        public EmulatedRequest ToSnapshot() => new()
        {
            Sequence = Sequence,
            Timestamp = Timestamp,
            Method = Method,
            Path = Path,
            Query = Query,
            Operation = Operation,
            StatusCode = StatusCode,
            Headers = Headers,
            Body = Body is null ? null : Encoding.UTF8.GetString(Body),
            BodyLength = BodyLength,
            ResponseBody = ResponseBody is null ? null : Encoding.UTF8.GetString(ResponseBody),
            Fault = Fault,
        };
    }
}
