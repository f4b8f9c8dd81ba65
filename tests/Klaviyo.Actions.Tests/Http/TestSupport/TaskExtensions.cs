namespace Klaviyo.Actions.Tests.Http.TestSupport;

internal static class TaskExtensions
{
    /// <summary>A real-time safety net for awaiting work driven by fake time: fails instead of hanging forever.</summary>
    public static Task<T> Settled<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <inheritdoc cref="Settled{T}(Task{T})"/>
    public static Task Settled(this Task task) => task.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Awaits a task expected to fault and returns its exception.</summary>
    public static async Task<TException> ThrowsAsync<TException>(this Task task)
        where TException : Exception
    {
        try
        {
            await task.Settled();
        }
        catch (TException ex)
        {
            return ex;
        }

        throw new NUnit.Framework.AssertionException($"Expected {typeof(TException).Name}, but the task completed.");
    }
}
