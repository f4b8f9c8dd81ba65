namespace Klaviyo.Actions.Sync.Segment;

/// <summary>
/// Messages waiting for one <c>/v1/batch</c> call, kept under Segment's count and byte limits: a message that would
/// cross either is refused, and the caller sends the batch first.
/// </summary>
internal sealed class SegmentBatch(int maxMessages = SegmentLimits.MaxBatchMessages, int maxBytes = SegmentLimits.MaxBatchBytes)
{
    private readonly List<byte[]> _messages = [];

    /// <summary>The messages, each a UTF-8 JSON object.</summary>
    public IReadOnlyList<byte[]> Messages => _messages;

    /// <summary>Messages in the batch.</summary>
    public int Count => _messages.Count;

    /// <summary>The request body's size without compression: envelope, messages and commas.</summary>
    public int Bytes { get; private set; } = SegmentLimits.EnvelopeBytes;

    /// <summary><c>identify</c> messages in the batch.</summary>
    public int Identifies { get; private set; }

    /// <summary><c>track</c> messages in the batch.</summary>
    public int Tracks { get; private set; }

    /// <summary>Adds the message when it fits; otherwise leaves the batch as it is.</summary>
    public bool TryAdd(byte[] message, bool isTrack)
    {
        int added = message.Length + (_messages.Count > 0 ? 1 : 0);
        if (_messages.Count >= maxMessages || Bytes + added > maxBytes)
        {
            return false;
        }

        _messages.Add(message);
        Bytes += added;
        if (isTrack)
        {
            Tracks++;
        }
        else
        {
            Identifies++;
        }

        return true;
    }

    /// <summary>Empties the batch.</summary>
    public void Clear()
    {
        _messages.Clear();
        Bytes = SegmentLimits.EnvelopeBytes;
        Identifies = 0;
        Tracks = 0;
    }
}
