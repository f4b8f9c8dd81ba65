namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// A README C# block mirrored in a test source, between <c>// README:begin NAME</c> and <c>// README:end</c> (NAME as
/// <see cref="ReadmeDocument"/> names blocks). A mirrored line may stand in for a README line the test cannot run as
/// written (a real-Klaviyo client): it ends with <c>// README: the README's line</c>, which is what is compared.
/// </summary>
internal sealed record SnippetMirror(string Name, string File, IReadOnlyList<string> Lines, IReadOnlyList<string> FileUsings)
{
    private const string Begin = "// README:begin ";
    private const string End = "// README:end";
    private const string Instead = "// README: ";

    /// <summary>Every mirror in the C# files of <paramref name="folder"/>.</summary>
    public static IReadOnlyList<SnippetMirror> FindAll(string folder)
    {
        var mirrors = new List<SnippetMirror>();
        foreach (string file in Directory.EnumerateFiles(folder, "*.cs").Order(StringComparer.Ordinal))
        {
            var source = System.IO.File.ReadAllLines(file);
            var usings = source.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
            for (int i = 0; i < source.Length; i++)
            {
                string line = source[i].Trim();
                if (!line.StartsWith(Begin, StringComparison.Ordinal))
                {
                    continue;
                }

                int end = Array.FindIndex(source, i + 1, l => l.Trim() == End);
                if (end < 0)
                {
                    throw new InvalidOperationException($"{Path.GetFileName(file)}: \"{line}\" has no \"{End}\".");
                }

                mirrors.Add(new SnippetMirror(line[Begin.Length..].Trim(), Path.GetFileName(file), source[(i + 1)..end], usings));
                i = end;
            }
        }

        return mirrors;
    }

    /// <summary>The mirrored code as the README should show it: trimmed, blank lines dropped, stand-ins replaced.</summary>
    public IReadOnlyList<string> ComparableLines() =>
        [.. Lines.Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Contains(Instead, StringComparison.Ordinal) ? l[(l.IndexOf(Instead, StringComparison.Ordinal) + Instead.Length)..].Trim() : l)];

    /// <summary>A README block as compared with its mirror: trimmed, blank lines and <c>using</c> lines dropped.</summary>
    public static IReadOnlyList<string> ComparableLines(ReadmeBlock block) =>
        [.. block.Lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !IsUsing(l))];

    /// <summary>The README block's <c>using</c> directives, without their trailing comments.</summary>
    public static IReadOnlyList<string> Usings(ReadmeBlock block) =>
        [.. block.Lines.Select(l => l.Trim()).Where(IsUsing).Select(l => l.Split("//")[0].Trim())];

    /// <summary>A <c>using</c> directive (not a <c>using var</c> statement nor an alias), judged without its comment.</summary>
    private static bool IsUsing(string line)
    {
        string code = line.Split("//")[0].Trim();
        return code.StartsWith("using ", StringComparison.Ordinal) && code.EndsWith(';') && !code.Contains('(', StringComparison.Ordinal) && !code.Contains('=', StringComparison.Ordinal);
    }
}
