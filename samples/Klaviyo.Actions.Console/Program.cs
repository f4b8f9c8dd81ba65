using Klaviyo.Actions.ConsoleApp.Cli;

// Ctrl+C stops reading input; the commands deliver what was already routed (send drains up to its deadline).
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await KlaviyoActionsCli.InvokeAsync(args, Console.Out, Console.Error, cancellation.Token);
