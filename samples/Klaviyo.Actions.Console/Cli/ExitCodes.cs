namespace Klaviyo.Actions.ConsoleApp.Cli;

/// <summary>The process exit codes every command uses, and their description for <c>--help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The run did everything it was asked (invalid input is reported, not a failure of the run).</summary>
    public const int Ok = 0;

    /// <summary>Something the run sent failed or was rejected by Klaviyo (or a sync left work to redo).</summary>
    public const int SomeFailed = 1;

    /// <summary>The command line or a file it names is wrong, or Klaviyo refused the API key: nothing (more) was sent.</summary>
    public const int UsageOrKeyRefused = 2;

    /// <summary>Interrupted with Ctrl+C (after delivering what was already routed, within the drain deadline).</summary>
    public const int Interrupted = 130;

    /// <summary>The "Exit codes" section of the help text.</summary>
    public const string HelpText = """
        Exit codes:
          0    everything was sent (invalid events are reported in the summary, not a failure of the run)
          1    some events failed delivery or were rejected by Klaviyo; sync-list and pull-to-segment: the run
               stopped early or left work for the next run
          2    wrong command line, option or file (the message says which), or Klaviyo refused the API key
               (401/403: the run stops at once, nothing more is read or sent)
          130  interrupted with Ctrl+C (what was already routed is delivered first, at most 25 s)
        """;
}
