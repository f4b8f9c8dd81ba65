using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// Every ```csharp block of README.md is mirrored in a test of this folder that compiles it and runs it against the
/// emulator; these tests fail when a block has no mirror, a mirror no block, or the two differ.
/// </summary>
public class ReadmeSnippetDriftTests
{
    /// <summary>Namespaces a mirror has without a <c>using</c>: the enclosing namespace and the implicit usings.</summary>
    private static readonly string[] InScope = ["using Klaviyo.Actions;", "using System;", "using System.IO;", "using System.Linq;", "using System.Collections.Generic;", "using System.Threading.Tasks;"];

    [Test]
    public void Every_csharp_block_of_the_readme_has_exactly_one_mirror()
    {
        var blocks = RepositoryFiles.Readme().OfLanguage("csharp").Select(b => b.Name).ToList();
        var mirrors = SnippetMirror.FindAll(RepositoryFiles.MirrorFolder()).Select(m => m.Name).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(blocks, Is.Unique, "README section names of the csharp blocks");
            Assert.That(mirrors, Is.EquivalentTo(blocks), "README csharp blocks vs // README:begin mirrors in tests/Klaviyo.Actions.IntegrationTests/Readme");
        });
    }

    [TestCaseSource(nameof(MirrorNames))]
    public void The_readme_block_matches_its_mirror(string name)
    {
        var block = RepositoryFiles.Readme().Get("csharp", name);
        var mirror = SnippetMirror.FindAll(RepositoryFiles.MirrorFolder()).Single(m => m.Name == name);

        Assert.Multiple(() =>
        {
            Assert.That(mirror.ComparableLines(), Is.EqualTo(SnippetMirror.ComparableLines(block)), $"README \"{name}\" and its mirror in {mirror.File} differ");
            Assert.That(mirror.FileUsings.Concat(InScope), Is.SupersetOf(SnippetMirror.Usings(block)), $"README \"{name}\": its usings are all in {mirror.File}");
        });
    }

    private static IEnumerable<string> MirrorNames() =>
        SnippetMirror.FindAll(RepositoryFiles.MirrorFolder()).Select(m => m.Name);
}
