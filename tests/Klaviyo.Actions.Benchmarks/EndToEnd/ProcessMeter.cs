namespace Klaviyo.Actions.Benchmarks.EndToEnd;

/// <summary>What the whole process used during a run (SDK and emulator alike: they share the process).</summary>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Cpu">Processor time.</param>
/// <param name="AllocatedBytes">Bytes allocated.</param>
/// <param name="Gen0Collections">Garbage collections.</param>
/// <param name="GcPause">Time the garbage collector paused the process.</param>
/// <param name="ThreadPoolItems">Work items the thread pool ran (each one a hop between threads).</param>
/// <param name="JitMethods">Methods the JIT compiled during the run (tiering included): near zero when warm.</param>
/// <param name="JitTime">Time spent compiling them.</param>
internal sealed record ProcessUsage(TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int Gen0Collections, TimeSpan GcPause, long ThreadPoolItems, long JitMethods, TimeSpan JitTime);

/// <summary>Takes the process's counters at the start of a run; <see cref="Stop"/> gives what the run used.</summary>
internal readonly struct ProcessMeter
{
    private readonly long _started;
    private readonly TimeSpan _cpu;
    private readonly long _allocated;
    private readonly int _collections;
    private readonly TimeSpan _pause;
    private readonly long _poolItems;
    private readonly long _jitMethods;
    private readonly TimeSpan _jitTime;

    private ProcessMeter(long started, TimeSpan cpu, long allocated, int collections, TimeSpan pause, long poolItems, long jitMethods, TimeSpan jitTime)
    {
        _jitMethods = jitMethods;
        _jitTime = jitTime;
        _started = started;
        _cpu = cpu;
        _allocated = allocated;
        _collections = collections;
        _pause = pause;
        _poolItems = poolItems;
    }

    public static ProcessMeter Start() => new(
        TimeProvider.System.GetTimestamp(),
        Environment.CpuUsage.TotalTime,
        GC.GetTotalAllocatedBytes(),
        GC.CollectionCount(0),
        GC.GetTotalPauseDuration(),
        ThreadPool.CompletedWorkItemCount,
        System.Runtime.JitInfo.GetCompiledMethodCount(),
        System.Runtime.JitInfo.GetCompilationTime());

    public ProcessUsage Stop() => new(
        TimeProvider.System.GetElapsedTime(_started),
        Environment.CpuUsage.TotalTime - _cpu,
        GC.GetTotalAllocatedBytes() - _allocated,
        GC.CollectionCount(0) - _collections,
        GC.GetTotalPauseDuration() - _pause,
        ThreadPool.CompletedWorkItemCount - _poolItems,
        System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods,
        System.Runtime.JitInfo.GetCompilationTime() - _jitTime);
}
