namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// A fresh temporary folder as the process's current directory for one test, so a README snippet's relative paths
/// (<c>events.jsonl</c>, <c>state/list-sync.db</c>) run as written. The tests of this assembly do not run in parallel.
/// </summary>
internal sealed class WorkingDirectory : IDisposable
{
    private readonly string _previous = Environment.CurrentDirectory;

    public WorkingDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"klaviyo-readme-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        Environment.CurrentDirectory = Path;
    }

    public string Path { get; }

    public void Dispose()
    {
        Environment.CurrentDirectory = _previous;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temporary folder is left for the system to clean.
        }
    }
}
