if (args is ["probe"])
{
    Klaviyo.Actions.Benchmarks.Support.AllocationProbe.Run();
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
