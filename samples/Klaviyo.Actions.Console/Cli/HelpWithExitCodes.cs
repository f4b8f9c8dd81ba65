using System.CommandLine;
using System.CommandLine.Invocation;

namespace Klaviyo.Actions.ConsoleApp.Cli;

/// <summary>System.CommandLine's help, followed by the exit codes every command uses.</summary>
internal sealed class HelpWithExitCodes(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => standard.ClearsParseErrors;

    public override int Invoke(ParseResult parseResult)
    {
        int exitCode = standard.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
        return exitCode;
    }
}
