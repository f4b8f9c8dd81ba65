using Klaviyo.Actions.Testing.Internal.Validation;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>
/// Bulk profile import jobs. A job is <c>queued</c>, then <c>processing</c>, then <c>complete</c> on the emulator's clock;
/// its rows are written when it completes, which happens lazily the next time anything reads the emulator's state
/// (<see cref="Advance"/>), so no timers run and a <c>FakeTimeProvider</c> controls progress exactly.
/// </summary>
internal sealed class ImportJobStore(ProfileStore profiles, ListStore lists, IdGenerator ids, TimeSpan queuedTime, TimeSpan processingTime)
{
    private readonly object _gate = new();
    private readonly List<ImportJobRecord> _jobs = [];
    private readonly Dictionary<string, ImportJobRecord> _byId = new(StringComparer.Ordinal);
    private long _nextDueTicks = long.MaxValue;

    public EmulatedImportJob Create(IReadOnlyList<ImportRow> rows, IReadOnlyList<string> listIds, DateTimeOffset now)
    {
        ImportJobRecord job;
        lock (_gate)
        {
            job = new ImportJobRecord(ids.Ulid(now), now, queuedTime, processingTime, rows, listIds);
            _jobs.Add(job);
            _byId.Add(job.Id, job);
            Volatile.Write(ref _nextDueTicks, Math.Min(_nextDueTicks, job.CompletesAt.UtcTicks));
        }

        Advance(now);
        lock (_gate)
        {
            return job.ToSnapshot(now);
        }
    }

    /// <summary>Completes every job whose processing time has passed, in submission order.</summary>
    public void Advance(DateTimeOffset now)
    {
        if (now.UtcTicks < Volatile.Read(ref _nextDueTicks))
        {
            return;
        }

        lock (_gate)
        {
            long next = long.MaxValue;
            foreach (var job in _jobs)
            {
                if (job.IsComplete)
                {
                    continue;
                }

                if (now >= job.CompletesAt)
                {
                    Run(job);
                }
                else
                {
                    next = Math.Min(next, job.CompletesAt.UtcTicks);
                }
            }

            Volatile.Write(ref _nextDueTicks, next);
        }
    }

    public EmulatedImportJob? Get(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var job) ? job.ToSnapshot(now) : null;
        }
    }

    /// <summary>One page of a job's import errors (none until it completes); <see langword="null"/> for an unknown job.</summary>
    public (List<EmulatedImportError> Page, int? NextIndex)? Errors(string id, int fromIndex, int size)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var job))
            {
                return null;
            }

            var page = job.Errors.Skip(fromIndex).Take(size).ToList();
            int? next = fromIndex + size < job.Errors.Count ? fromIndex + size : null;
            return (page, next);
        }
    }

    public List<EmulatedImportJob> Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _jobs.Select(job => job.ToSnapshot(now)).ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _jobs.Clear();
            _byId.Clear();
            Volatile.Write(ref _nextDueTicks, long.MaxValue);
        }
    }

    private void Run(ImportJobRecord job)
    {
        var at = job.CompletesAt;
        foreach (var row in job.Rows)
        {
            if (row.Write.PhoneNumber.Value is { } phone && !IdentifierRules.IsE164(phone))
            {
                job.Errors.Add(Error(row, "invalid", "Invalid input.", IdentifierRules.InvalidPhoneDetail, "/data/attributes/phone_number", at));
                continue;
            }

            var outcome = profiles.Upsert(row.Id, row.Write, at);
            switch (outcome.Status)
            {
                case ProfileWriteStatus.Duplicate:
                    job.Errors.Add(Error(row, "duplicate_profile", "Conflict.",
                        $"The identifiers belong to different profiles (conflicting profile {outcome.ConflictingProfileId}).",
                        "/data/attributes", at));
                    break;
                case ProfileWriteStatus.NotFound:
                    job.Errors.Add(Error(row, "not_found", "Not found.", $"A profile with id {row.Id} does not exist.", "/data/id", at));
                    break;
                default:
                    job.ProfileIds.Add(outcome.Profile!.Id);
                    break;
            }
        }

        foreach (string listId in job.ListIds)
        {
            lists.AddMembers(listId, job.ProfileIds, at);
        }

        job.MarkComplete();
    }

    private EmulatedImportError Error(ImportRow row, string code, string title, string detail, string pointer, DateTimeOffset at) => new()
    {
        Id = ids.Ulid(at),
        RowIndex = row.Index,
        Code = code,
        Title = title,
        Detail = detail,
        SourcePointer = pointer,
        OriginalPayload = row.Original,
    };
}
