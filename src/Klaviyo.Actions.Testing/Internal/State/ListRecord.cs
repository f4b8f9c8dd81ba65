namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A stored list; guarded by the <see cref="ListStore"/> lock.</summary>
internal sealed class ListRecord(string id, long sequence, string name, string optInProcess, DateTimeOffset created)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public string Name { get; } = name;

    public string OptInProcess { get; } = optInProcess;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; set; } = created;

    /// <summary>Member profile ids with the order they were added in.</summary>
    public Dictionary<string, long> Members { get; } = new(StringComparer.Ordinal);

    public ListView ToView() => new(Id, Name, OptInProcess, Created, Updated);

    public EmulatedList ToSnapshot() => new()
    {
        Id = Id,
        Name = Name,
        OptInProcess = OptInProcess,
        Created = Created,
        Updated = Updated,
        ProfileIds = Members.OrderBy(member => member.Value).Select(member => member.Key).ToList(),
    };
}
