using System.Diagnostics;
using System.Globalization;

namespace Klaviyo.Actions.Sync;

/// <summary>Who holds a connector's lease, and until when. No personal data: host, process id and worker name.</summary>
/// <remarks>
/// <para>
/// <see cref="KlaviyoListSync"/> writes owner tokens as <c>{host}/{process id}/{run id}/{worker name}</c>, so a
/// worker can tell a lease left by a dead process on its own machine (the process id no longer runs) and take it over
/// at once instead of waiting for it to expire. Tokens in another shape (other engines, older versions) are shown as
/// they are and only expire.
/// </para>
/// </remarks>
public sealed record ListSyncLeaseHolder
{
    /// <summary>The owner token stored with the lease.</summary>
    public required string Owner { get; init; }

    /// <summary>When the lease expires unless its holder renews it.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The machine the holder runs on, when the token says.</summary>
    public string? Host => Parse(Owner).Host;

    /// <summary>The holder's process id on <see cref="Host"/>, when the token says.</summary>
    public int? ProcessId => Parse(Owner).ProcessId;

    /// <summary>The holder's <see cref="ListSyncOptions.WorkerName"/> (the whole token when it has another shape).</summary>
    public string WorkerName => Parse(Owner).Worker;

    /// <inheritdoc />
    public override string ToString()
    {
        var (host, pid, worker) = Parse(Owner);
        string expires = ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (host is null)
        {
            return $"'{worker}' until {expires}";
        }

        string where = string.Create(CultureInfo.InvariantCulture, $"host {host}, process {pid}");
        return string.Equals(worker, string.Create(CultureInfo.InvariantCulture, $"{host}/{pid}"), StringComparison.Ordinal)
            ? $"{where}, until {expires}"
            : $"worker '{worker}' ({where}), until {expires}";
    }

    /// <summary>A new owner token for one run of this process.</summary>
    internal static string CreateOwner(string workerName) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}/{workerName}");

    /// <summary>
    /// Whether the holder is a process of this machine that no longer runs (its lease can be taken over at once). A
    /// process id reused by another process since keeps the lease until it expires: the check errs on waiting.
    /// </summary>
    internal bool IsOrphanedOnThisMachine()
    {
        var (host, pid, _) = Parse(Owner);
        return host is not null
            && pid is { } id
            && id != Environment.ProcessId
            && string.Equals(host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            && !IsRunning(id);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return false; // it exited while being looked at
        }
#pragma warning disable CA1031 // Anything else (e.g. access denied): assume it runs, so a live lease is never taken.
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    /// <summary>Reads <c>host/pid/run/worker</c>, and the older <c>host/pid:run</c> (the default worker name and a run id).</summary>
    private static (string? Host, int? ProcessId, string Worker) Parse(string owner)
    {
        string[] parts = owner.Split('/', 4);
        if (parts.Length == 4 && parts[0].Length > 0 && TryPid(parts[1], out int pid) && parts[2].Length == 32)
        {
            return (parts[0], pid, parts[3]);
        }

        if (parts.Length == 2 && parts[0].Length > 0 && parts[1].IndexOf(':', StringComparison.Ordinal) is > 0 and int colon
            && TryPid(parts[1][..colon], out int oldPid))
        {
            return (parts[0], oldPid, string.Create(CultureInfo.InvariantCulture, $"{parts[0]}/{oldPid}"));
        }

        return (null, null, owner);
    }

    private static bool TryPid(string text, out int pid) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid > 0;
}
