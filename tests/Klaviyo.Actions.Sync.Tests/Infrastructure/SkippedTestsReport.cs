using Klaviyo.Actions.Sync.Tests.Infrastructure;
using NUnit.Framework;

namespace Klaviyo.Actions.Sync.Tests;

/// <summary>
/// Says once, at the end of the run, why tests were skipped. `dotnet test` lists skipped tests by name only; what a
/// test writes to its error stream is shown at the default verbosity, so the reason reaches the person running it.
/// </summary>
[SetUpFixture]
public sealed class SkippedTestsReport
{
    [OneTimeTearDown]
    public void Report()
    {
        var (count, reason) = PostgresTestDatabase.Skipped;
        if (count > 0)
        {
            TestContext.Error.WriteLine($"Skipped {count} PostgreSQL store tests: {reason}");
        }
    }
}
