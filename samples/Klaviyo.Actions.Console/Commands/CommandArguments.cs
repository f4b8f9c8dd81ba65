using System.CommandLine;

namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>
/// The words after a command's name, for the commands' in-process entry points (tests, other hosts), e.g.
/// <c>SendCommand.RunAsync(CommandArguments.Parse([file, "--report", path]), output, cancellationToken)</c>.
/// They are parsed by the same System.CommandLine definition the executable uses.
/// </summary>
internal sealed class CommandArguments
{
    private CommandArguments(IReadOnlyList<string> words) => Words = words;

    /// <summary>The words, as given.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Keeps <paramref name="args"/> for a command to parse.</summary>
    /// <param name="args">The words after the command's name.</param>
    /// <param name="flags">
    /// Not needed any more (the command's definition knows which options take no value); accepted so callers written
    /// for the earlier hand-written parser compile unchanged.
    /// </param>
    public static CommandArguments Parse(IEnumerable<string> args, params string[] flags)
    {
        _ = flags;
        return new CommandArguments([.. args]);
    }

    /// <summary>Parses the words with <paramref name="command"/>'s definition.</summary>
    /// <exception cref="UsageException">The words do not fit the definition; the message lists every problem.</exception>
    public ParseResult ParseFor(Command command)
    {
        var result = command.Parse(Words);
        return result.Errors.Count == 0
            ? result
            : throw new UsageException(string.Join(" ", result.Errors.Select(e => e.Message)));
    }
}
