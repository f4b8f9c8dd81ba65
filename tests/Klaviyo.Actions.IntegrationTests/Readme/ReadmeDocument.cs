namespace Klaviyo.Actions.IntegrationTests.Readme;

/// <summary>
/// The fenced code blocks of a markdown file, each named by the <c>##</c>/<c>###</c> heading above it and its place
/// among that section's blocks of the same language: <c>Quick start per action</c>, <c>Use in ASP.NET Core #2</c>.
/// </summary>
internal sealed class ReadmeDocument
{
    private ReadmeDocument(IReadOnlyList<ReadmeBlock> blocks) => Blocks = blocks;

    /// <summary>Every fenced block, in file order.</summary>
    public IReadOnlyList<ReadmeBlock> Blocks { get; }

    /// <summary>The fenced blocks of one language (<c>csharp</c>, <c>json</c>).</summary>
    public IEnumerable<ReadmeBlock> OfLanguage(string language) => Blocks.Where(b => b.Language == language);

    /// <summary>The block named <paramref name="name"/> in <paramref name="language"/>, or an assertion failure.</summary>
    public ReadmeBlock Get(string language, string name) =>
        OfLanguage(language).SingleOrDefault(b => b.Name == name)
        ?? throw new NUnit.Framework.AssertionException($"README.md has no ```{language} block named \"{name}\".");

    public static ReadmeDocument Load(string path)
    {
        var blocks = new List<ReadmeBlock>();
        var perSection = new Dictionary<(string, string), int>();
        string section = "";
        string? language = null;
        var lines = new List<string>();
        foreach (string line in File.ReadLines(path))
        {
            if (language is null)
            {
                if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
                {
                    section = line.TrimStart('#').Trim();
                }
                else if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    language = line[3..].Trim();
                    lines.Clear();
                }

                continue;
            }

            if (line.Trim() == "```")
            {
                int ordinal = perSection.GetValueOrDefault((section, language)) + 1;
                perSection[(section, language)] = ordinal;
                blocks.Add(new ReadmeBlock(ordinal == 1 ? section : $"{section} #{ordinal}", language, [.. lines]));
                language = null;
                continue;
            }

            lines.Add(line);
        }

        return new ReadmeDocument(blocks);
    }
}

/// <summary>One fenced block: its name, language and lines as written.</summary>
internal sealed record ReadmeBlock(string Name, string Language, IReadOnlyList<string> Lines)
{
    /// <summary>The block's text, lines joined with <c>\n</c>.</summary>
    public string Text => string.Join('\n', Lines);
}
