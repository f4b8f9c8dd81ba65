using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>Files of the repository the console commands run on (the sample data the README names).</summary>
internal static class RepositoryPaths
{
    /// <summary>A file under <c>samples/data</c>.</summary>
    public static string SampleData(string fileName) => Path.Combine(Root(), "samples", "data", fileName);

    private static string Root()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Klaviyo.Actions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Klaviyo.Actions.sln not found above the test directory.");
    }
}
