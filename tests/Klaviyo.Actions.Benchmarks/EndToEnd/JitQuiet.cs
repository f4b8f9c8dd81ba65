using System.Runtime;

namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>
/// Waits for the JIT to stop compiling before a timed run. Tiered compilation recompiles hot methods on a background
/// thread once they have been called often enough; on two busy cores that backlog outlives the warm-up, and a profile
/// of (a) straight after a 50,000-event warm-up still showed the tiering thread using 15% of the process's CPU.
/// A run measures steady-state throughput, so it starts once no method has been compiled for half a second.
/// </summary>
internal static class JitQuiet
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    /// <summary>Waits until two polls in a row see no new compiled method (at most a minute); returns the wait.</summary>
    public static async Task<TimeSpan> WaitAsync(CancellationToken cancellationToken)
    {
        long started = TimeProvider.System.GetTimestamp();
        long compiled = JitInfo.GetCompiledMethodCount();
        int quietPolls = 0;
        while (quietPolls < 2 && TimeProvider.System.GetElapsedTime(started) < Longest)
        {
            await Task.Delay(Poll, cancellationToken);
            long now = JitInfo.GetCompiledMethodCount();
            quietPolls = now == compiled ? quietPolls + 1 : 0;
            compiled = now;
        }

        return TimeProvider.System.GetElapsedTime(started);
    }
}
