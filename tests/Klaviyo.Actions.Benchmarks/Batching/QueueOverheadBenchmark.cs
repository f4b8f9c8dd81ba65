using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Benchmarks.Support;

namespace Klaviyo.Actions.Benchmarks.Batching;

/// <summary>
/// Issue 8: <see cref="KlaviyoBatcher"/> enqueue → awaited outcome, per item
/// (<see cref="BenchmarkAttribute.OperationsPerInvoke"/> = 10,000), over the real client, transport and resilience
/// pipeline with a no-op Klaviyo (<see cref="CannedBulkHandler"/>: instant 202s; rate limiting off). 10,000 track
/// events of 2,500 users go out as 10 bulk requests of 1,000.
/// <see cref="EnqueueToOutcome"/> is the whole trip; <see cref="PrepareOnly"/> is the per-item validation and
/// serialization every item pays anyway (the same engine's <c>Prepare</c>), so the queue's own overhead is the difference.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*QueueOverhead*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet calls the [GlobalCleanup] method, which disposes them.")]
public class QueueOverheadBenchmark
{
    private const int Items = 10_000;

    private CannedBulkHandler _handler = null!;
    private KlaviyoBulkClient _bulkClient = null!;
    private KlaviyoBatcher _batcher = null!;
    private KlaviyoBatchItem[] _items = null!;
    private Task<KlaviyoItemOutcome>[] _outcomes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _handler = new CannedBulkHandler();
        var client = OfflineKlaviyo.Client(_handler);
        _bulkClient = new KlaviyoBulkClient(client, new KlaviyoBatchingOptions { MaxDelay = TimeSpan.FromSeconds(30) });
        _batcher = new KlaviyoBatcher(_bulkClient);
        _items = SampleData.Items(SampleData.Events(Items, users: Items / 4));
        _outcomes = new Task<KlaviyoItemOutcome>[Items];
        EnqueueToOutcome();
        Console.WriteLine($"// {Items:N0} items -> {_handler.Requests} bulk requests");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batcher?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _handler?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    public int EnqueueToOutcome() => RunAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Items)]
    public int PrepareOnly()
    {
        int prepared = 0;
        foreach (var item in _items)
        {
            prepared += _bulkClient.Engine.Prepare(item).FinalOutcome is null ? 1 : 0;
        }

        return prepared;
    }

    private async Task<int> RunAsync()
    {
        for (int i = 0; i < _items.Length; i++)
        {
            _outcomes[i] = await _batcher.EnqueueAsync(_items[i]).ConfigureAwait(false);
        }

        await _batcher.FlushAsync().ConfigureAwait(false);
        int accepted = 0;
        foreach (var outcome in _outcomes)
        {
            accepted += (await outcome.ConfigureAwait(false)).Status == KlaviyoItemStatus.Accepted ? 1 : 0;
        }

        return accepted == Items ? accepted : throw new InvalidOperationException($"Only {accepted} of {Items} items were accepted.");
    }
}
