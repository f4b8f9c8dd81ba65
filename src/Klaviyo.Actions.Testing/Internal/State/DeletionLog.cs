namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>Data-privacy deletion requests carried out, oldest first.</summary>
internal sealed class DeletionLog
{
    private readonly object _gate = new();
    private readonly List<EmulatedDeletionRequest> _requests = [];

    public void Add(EmulatedDeletionRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public List<EmulatedDeletionRequest> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
