using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.ConsoleApp.Cli;

/// <summary>
/// The <c>klaviyo-actions</c> command line on System.CommandLine: every command with its options, help (with the
/// exit codes), errors on bad options (exit code 2) and tab completion through the <c>[suggest]</c> directive.
/// <see cref="InvokeAsync"/> is the whole program minus Ctrl+C wiring, so tests run it in-process.
/// </summary>
internal static class KlaviyoActionsCli
{
    /// <summary>The root command with every command; a new tree per call (System.CommandLine symbols keep their parents).</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("klaviyo-actions: send Segment events to Klaviyo the way Segment's Klaviyo (Actions) destination does.")
        {
            new SendCommand(),
            new EmulateCommand(),
            new GenerateEventsCommand(),
            new SyncListCommand(),
            new PullToSegmentCommand(),
            new CompletionCommand(),
        };

        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: SynchronousCommandLineAction standard } help)
        {
            var withExitCodes = new HelpWithExitCodes(standard);
            help.Action = withExitCodes;

            // No command: the help, exit code 0.
            root.SetAction(withExitCodes.Invoke);
        }

        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, mapping failures to the documented exit codes: a parse
    /// error or a <see cref="UsageException"/> (bad option, missing file, placeholder key) → 2 with the message on
    /// <paramref name="error"/>; a mapping file Klaviyo.Actions refuses → 2; cancellation → 130.
    /// </summary>
    /// <param name="args">The words after the program's name.</param>
    /// <param name="output">Standard output: results and summaries.</param>
    /// <param name="error">Standard error: messages, warnings, progress.</param>
    /// <param name="cancellationToken">Ctrl+C: stops reading input; what was routed is still delivered.</param>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            string command = parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name + " ";
            await error.WriteLineAsync($"Run 'klaviyo-actions {command}--help' for the options.");
            return ExitCodes.UsageOrKeyRefused;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C is the caller's (Program.cs): the send command drains for longer than a fixed termination timeout.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.UsageOrKeyRefused;
        }
        catch (Exception ex) when (ex is DestinationConfigurationException or KlaviyoValidationException)
        {
            await error.WriteLineAsync(ex.Message);
            return ExitCodes.UsageOrKeyRefused;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Interrupted;
        }
    }
}
