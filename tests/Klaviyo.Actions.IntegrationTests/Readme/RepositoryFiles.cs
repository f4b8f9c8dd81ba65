namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>Files of the repository the README tests read: the README itself, the mirrors, the packable projects.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the folder holding <c>Klaviyo.Actions.sln</c>, above the test output.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Klaviyo.Actions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Klaviyo.Actions.sln not found above the test directory.");
    }

    /// <summary>The repository's README.md.</summary>
    public static ReadmeDocument Readme() => ReadmeDocument.Load(Path.Combine(Root(), "README.md"));

    /// <summary>The folder of these tests' sources, where the mirrors live.</summary>
    public static string MirrorFolder() => Path.Combine(Root(), "tests", "Klaviyo.Actions.IntegrationTests", "Readme");
}
