using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// Every packable project (each under <c>src/</c>) ships a README of its own: present, naming its package id and its
/// install line, linking to the full README by absolute URL, and free of what only works inside the repository.
/// </summary>
public partial class PackageReadmeTests
{
    private const string Repository = "https://github.com/klaviyo-actions/klaviyo-actions-dotnet";

    [TestCaseSource(nameof(PackableProjects))]
    public void The_package_has_its_own_readme_naming_it(string project)
    {
        string readme = Path.Combine(RepositoryFiles.Root(), "src", project, "README.md");
        Assert.That(File.Exists(readme), Is.True, $"src/{project}/README.md (packed as the package's readme)");
        string text = File.ReadAllText(readme);
        var links = MarkdownLink().Matches(text).Select(m => m.Groups["target"].Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith($"# {project}\n"), "the title is the package id");
            Assert.That(text, Does.Contain($"dotnet add package {project}"), "the install line");
            Assert.That(text, Does.Contain(Repository), "a link to the full README");
            Assert.That(links, Is.All.StartWith("https://"), "links are absolute: a package page has no repository files beside it");
            Assert.That(text, Does.Not.Contain("dotnet run --project"), "no commands that need the repository");
            Assert.That(text, Does.Not.Contain("](docs/").And.Not.Contain("](samples/"), "no repository-relative paths");
        });
    }

    [Test]
    public void Each_package_readme_differs_from_the_repository_readme()
    {
        string root = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "README.md"));
        foreach (string project in PackableProjects())
        {
            string text = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "src", project, "README.md"));
            Assert.That(text.Length, Is.LessThan(root.Length / 5), $"{project}: a short package readme, not the repository's");
        }
    }

    /// <summary>The projects under <c>src/</c> (Directory.Build.props makes exactly those packable).</summary>
    private static IEnumerable<string> PackableProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root(), "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
