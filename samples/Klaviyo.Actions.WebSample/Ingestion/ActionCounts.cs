namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Outcomes of one action (by its slug) since start.</summary>
internal sealed class ActionCounts
{
    private long _sent;
    private long _invalid;
    private long _failed;
    private long _warnings;

    public long Sent => Interlocked.Read(ref _sent);

    public long Invalid => Interlocked.Read(ref _invalid);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Sent messages that carried warnings (something was left out; they count in <see cref="Sent"/> too).</summary>
    public long Warnings => Interlocked.Read(ref _warnings);

    public void AddSent() => Interlocked.Increment(ref _sent);

    public void AddInvalid() => Interlocked.Increment(ref _invalid);

    public void AddFailed() => Interlocked.Increment(ref _failed);

    public void AddWarning() => Interlocked.Increment(ref _warnings);
}
