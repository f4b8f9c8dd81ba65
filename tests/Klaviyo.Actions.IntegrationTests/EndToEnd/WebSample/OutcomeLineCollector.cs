using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;

/// <summary>Keeps the web sample's per-message outcome lines (its OutcomeLogger category, every level), message by message.</summary>
internal sealed class OutcomeLineCollector : ILoggerProvider
{
    public ConcurrentQueue<(string? MessageId, LogLevel Level, string Line)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName.EndsWith(".OutcomeLogger", StringComparison.Ordinal) ? new Collector(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Collector(OutcomeLineCollector owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string? messageId = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.FirstOrDefault(v => v.Key == "MessageId").Value as string
                : null;
            owner.Lines.Enqueue((messageId, logLevel, formatter(state, exception)));
        }
    }
}
