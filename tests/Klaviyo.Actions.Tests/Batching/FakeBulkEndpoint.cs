using System.Collections.Concurrent;
using Klaviyo.Actions.Batching;

namespace Klaviyo.Actions.Tests.Batching;

/// <summary>One request a fake endpoint received: its group key and rows (parts per row).</summary>
internal sealed record RecordedRequest<TPart>(int Number, BulkGroupKey Key, IReadOnlyList<IReadOnlyList<TPart>> Rows)
{
    public IEnumerable<TPart> Parts => Rows.SelectMany(r => r);

    public int PartCount => Rows.Sum(r => r.Count);
}

/// <summary>
/// A bulk endpoint that records every request and answers through a script: by default it accepts (with a job
/// id when <see cref="ReturnsJobIds"/>), and a test can make any request throw (429, 500, pointer errors…) or block.
/// </summary>
internal sealed class FakeBulkEndpoint<TPart> : IBulkEndpoint<TPart>
{
    private readonly Func<TPart, BulkPartMeasure> _measure;
    private readonly ConcurrentQueue<RecordedRequest<TPart>> _requests = new();
    private int _count;

    public FakeBulkEndpoint(Func<TPart, BulkPartMeasure> measure, int envelopeBytes = 200)
    {
        _measure = measure;
        EnvelopeBytes = envelopeBytes;
    }

    public int EnvelopeBytes { get; set; }

    public bool ReturnsJobIds { get; set; }

    /// <summary>Decides the answer to each request; <see langword="null"/> accepts.</summary>
    public Func<RecordedRequest<TPart>, CancellationToken, Task<BulkChunkResponse>>? Responder { get; set; }

    public IReadOnlyList<RecordedRequest<TPart>> Requests => _requests.OrderBy(r => r.Number).ToList();

    public int MeasureEnvelope(BulkGroupKey key) => EnvelopeBytes;

    public BulkPartMeasure Measure(TPart part) => _measure(part);

    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<TPart>> rows, CancellationToken cancellationToken)
    {
        int number = Interlocked.Increment(ref _count);
        var recorded = new RecordedRequest<TPart>(number, key, rows.Select(r => (IReadOnlyList<TPart>)r.ToList()).ToList());
        _requests.Enqueue(recorded);
        if (Responder is { } responder)
        {
            return await responder(recorded, cancellationToken);
        }

        return ReturnsJobIds ? new BulkChunkResponse("job-" + number) : BulkChunkResponse.Accepted;
    }
}

/// <summary>Resolves identities by a dictionary keyed by email or external id.</summary>
internal sealed class FakeProfileLookup : IProfileIdLookup
{
    public Dictionary<string, string[]> IdsByIdentifier { get; } = new(StringComparer.Ordinal);

    public Func<IReadOnlyList<IProfileIdentity>, Exception?>? Fault { get; set; }

    public int Calls;

    public Task<IReadOnlyList<IReadOnlyList<string>>> FindProfileIdsAsync(IReadOnlyList<IProfileIdentity> identities, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Fault?.Invoke(identities) is { } fault)
        {
            return Task.FromException<IReadOnlyList<IReadOnlyList<string>>>(fault);
        }

        var result = identities
            .Select(i => (IReadOnlyList<string>)new[] { i.ExternalId, i.Email, i.PhoneNumber }
                .Where(v => v is not null && IdsByIdentifier.ContainsKey(v))
                .SelectMany(v => IdsByIdentifier[v!])
                .ToList())
            .ToList();
        return Task.FromResult<IReadOnlyList<IReadOnlyList<string>>>(result);
    }
}

/// <summary>Marks items invalid when a predicate says so; everything else passes unchanged.</summary>
internal sealed class FakeValidator(Func<KlaviyoBatchItem, bool> isInvalid) : IBatchItemValidator
{
    public BatchItemValidation Validate(KlaviyoBatchItem item, TimeProvider timeProvider) =>
        isInvalid(item)
            ? new BatchItemValidation(null, [new KlaviyoValidationError("email", "email_format", "Email must be a valid email address string but it was not.")])
            : new BatchItemValidation(item, []);
}
