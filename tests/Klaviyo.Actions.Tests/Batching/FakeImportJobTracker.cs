using System.Collections.Concurrent;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>Answers job reads from a per-job script of statuses and pages of import errors.</summary>
internal sealed class FakeImportJobTracker : IImportJobTracker
{
    private readonly ConcurrentDictionary<string, Queue<ImportJobStatus>> _statuses = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, ImportErrorPage>> _pages = new();

    public ConcurrentQueue<string> Reads { get; } = new();

    public ConcurrentQueue<(string JobId, string? Cursor)> ErrorReads { get; } = new();

    /// <summary>The status read once the script for a job is exhausted (the last one repeats).</summary>
    public ImportJobStatus Default { get; set; } = new(ImportJobState.Complete, FailedCount: 0);

    public void Script(string jobId, params ImportJobStatus[] statuses) => _statuses[jobId] = new Queue<ImportJobStatus>(statuses);

    /// <summary>Adds a page; the first page has cursor <see langword="null"/>.</summary>
    public void Page(string jobId, string? cursor, ImportErrorPage page) =>
        _pages.GetOrAdd(jobId, _ => new Dictionary<string, ImportErrorPage>())[cursor ?? ""] = page;

    public Task<ImportJobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        Reads.Enqueue(jobId);
        if (_statuses.TryGetValue(jobId, out var queue))
        {
            lock (queue)
            {
                if (queue.Count > 1)
                {
                    return Task.FromResult(queue.Dequeue());
                }

                if (queue.Count == 1)
                {
                    return Task.FromResult(queue.Peek());
                }
            }
        }

        return Task.FromResult(Default);
    }

    public Task<ImportErrorPage> GetImportErrorsAsync(string jobId, string? cursor, CancellationToken cancellationToken)
    {
        ErrorReads.Enqueue((jobId, cursor));
        return Task.FromResult(
            _pages.TryGetValue(jobId, out var pages) && pages.TryGetValue(cursor ?? "", out var page)
                ? page
                : new ImportErrorPage([], null));
    }
}
