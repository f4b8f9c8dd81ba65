namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>Everything the emulator remembers, with one lock per store.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(KlaviyoEmulatorOptions options)
    {
        Ids = new IdGenerator(options.Seed);
        Profiles = new ProfileStore(Ids);
        Events = new EventStore();
        Metrics = new MetricStore(Ids);
        Lists = new ListStore(Ids);
        Jobs = new ImportJobStore(Profiles, Lists, Ids, options.ImportJobQueuedTime, options.ImportJobProcessingTime);
        Deletions = new DeletionLog();
        Requests = new RequestLog(options.RequestLogCapacity, options.RequestLogBodyLimit);
    }

    public IdGenerator Ids { get; }

    public ProfileStore Profiles { get; }

    public EventStore Events { get; }

    public MetricStore Metrics { get; }

    public ListStore Lists { get; }

    public ImportJobStore Jobs { get; }

    public DeletionLog Deletions { get; }

    public RequestLog Requests { get; }

    /// <summary>Deletes profiles and everything that belongs to them (events, list memberships).</summary>
    public void DeleteProfiles(IReadOnlyCollection<string> profileIds)
    {
        Lists.RemoveProfiles(profileIds);
        Events.RemoveForProfiles(profileIds);
    }

    public void Clear()
    {
        Jobs.Clear();
        Profiles.Clear();
        Events.Clear();
        Metrics.Clear();
        Lists.Clear();
        Deletions.Clear();
        Requests.Clear();
    }
}
