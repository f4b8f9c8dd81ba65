namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Shows a run's progress while events finish: a live bar on a terminal, plain lines otherwise.</summary>
internal interface IRunProgress : IAsyncDisposable
{
    /// <summary>Counts one finished event.</summary>
    void Advance();

    /// <summary>Shows the final state (the last line, or the full bar) and stops.</summary>
    Task CompleteAsync();
}
