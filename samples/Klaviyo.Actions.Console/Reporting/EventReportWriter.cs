using System.Text.Encodings.Web;
using System.Text.Json;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.ConsoleApp.Reporting;

/// <summary>Writes per-event outcomes (<c>--report FILE</c>) as a JSON array, streaming.</summary>
internal sealed class EventReportWriter : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public EventReportWriter(string path)
    {
        _stream = File.Create(path);
        _writer = new Utf8JsonWriter(_stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _writer.WriteStartArray();
    }

    /// <summary>Writes one event's outcomes.</summary>
    /// <param name="result">The event's result.</param>
    /// <param name="rawMessageId">
    /// The <c>messageId</c> read leniently from the event's line, used when the event could not be read (the result
    /// has none) so an unreadable or invalid event can still be found by its id.
    /// </param>
    public void Write(EventResult result, string? rawMessageId = null)
    {
        _writer.WriteStartObject();
        _writer.WriteNumber("index", result.Index);
        _writer.WriteString("messageId", result.MessageId ?? rawMessageId);
        _writer.WriteString("type", result.Type?.ToString().ToLowerInvariant());
        if (result.Error is { } error)
        {
            _writer.WriteString("error", $"{error.Field} ({error.Rule})");
        }

        _writer.WriteStartArray("outcomes");
        foreach (var outcome in result.Outcomes)
        {
            _writer.WriteStartObject();
            _writer.WriteString("mapping", outcome.MappingName);
            _writer.WriteString("action", outcome.Action);
            _writer.WriteString("outcome", outcome.Kind.ToString().ToLowerInvariant());
            switch (outcome)
            {
                case SentOutcome { Warnings.Count: > 0 } sent:
                    WriteProblems("warnings", sent.Warnings);
                    break;
                case SkippedOutcome skipped:
                    _writer.WriteString("reason", skipped.Reason.ToString());
                    break;
                case InvalidOutcome invalid:
                    WriteProblems("errors", invalid.Errors);
                    break;
                case FailedOutcome failed:
                    if (failed.StatusCode is { } status)
                    {
                        _writer.WriteNumber("status", (int)status);
                    }

                    _writer.WriteBoolean("transient", failed.IsTransient);
                    _writer.WriteString("message", failed.Message);
                    break;
            }

            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
    }

    private void WriteProblems(string name, IReadOnlyList<KlaviyoValidationError> problems)
    {
        _writer.WriteStartArray(name);
        foreach (var e in problems)
        {
            _writer.WriteStartObject();
            _writer.WriteString("field", e.Field);
            _writer.WriteString("rule", e.Rule);
            _writer.WriteString("message", e.Message);
            _writer.WriteEndObject();
        }

        _writer.WriteEndArray();
    }

    public async ValueTask DisposeAsync()
    {
        _writer.WriteEndArray();
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
