namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>The command line (or a file it names) was wrong; the message says how. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
