using System.Threading.Channels;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// The results of a routed stream, in the order they become final. Counts the events still without a result
/// (plus one while the input is being read), and completes once the input ended and every routed event's result
/// was handed out; a failure of the input is raised after the results of the events read before it.
/// </summary>
internal sealed class ResultStream : IEventResultSink
{
    private readonly Channel<EventResult> _results = Channel.CreateUnbounded<EventResult>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
        AllowSynchronousContinuations = false,
    });

    private int _outstanding = 1;
    private Exception? _fault;

    /// <summary>An event is about to be routed: its result is awaited.</summary>
    public void Begin() => Interlocked.Increment(ref _outstanding);

    /// <inheritdoc />
    public void OnResult(EventResult result)
    {
        _results.Writer.TryWrite(result);
        Done();
    }

    /// <summary>The input ended (or failed with <paramref name="fault"/>, or reading was cancelled).</summary>
    public void InputEnded(Exception? fault)
    {
        _fault = fault;
        Done();
    }

    /// <summary>The results, until the last one.</summary>
    public IAsyncEnumerable<EventResult> ReadAllAsync(CancellationToken cancellationToken) => _results.Reader.ReadAllAsync(cancellationToken);

    private void Done()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _results.Writer.TryComplete(_fault);
        }
    }
}
