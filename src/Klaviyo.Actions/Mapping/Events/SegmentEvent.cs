using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// A Segment spec event (identify, track, page, screen, group, alias) read from Segment's JSON. Spec fields
/// are typed; the whole event is kept as immutable JSON (<see cref="Json"/>) for mappings and triggers, so
/// unknown fields are carried along untouched.
/// </summary>
/// <remarks>
/// Reading is tolerant: unknown fields are kept, numeric ids become strings, a missing <c>properties</c>
/// or <c>traits</c> is fine. It is strict where a mapping could otherwise go wrong silently: <c>type</c> must
/// be one of the six call types, <c>track</c> needs an <c>event</c> name, spec objects must be objects,
/// timestamps must parse, nesting is limited to <see cref="MaxDepth"/> levels, no object may name a property twice
/// (<c>duplicate_key</c>: which value was meant is unknown) and every string must be valid Unicode
/// (<c>invalid_unicode</c>). The web sample applies the same rules to each message. Instances are immutable and
/// thread-safe.
/// </remarks>
public sealed class SegmentEvent
{
    /// <summary>The deepest nesting of objects and arrays accepted.</summary>
    public const int MaxDepth = 64;

    private SegmentEvent(JsonElement json)
    {
        Json = json;
        string typeName = ReadRequiredString(json, "type");
        Type = ParseType(typeName);
        UserId = ReadId(json, "userId");
        AnonymousId = ReadId(json, "anonymousId");
        MessageId = ReadId(json, "messageId");
        PreviousId = ReadId(json, "previousId");
        GroupId = ReadId(json, "groupId");
        Event = ReadOptionalString(json, "event");
        Name = ReadOptionalString(json, "name");
        Timestamp = ReadTimestamp(json, "timestamp");
        Traits = ReadObject(json, "traits");
        Properties = ReadObject(json, "properties");
        Context = ReadObject(json, "context");
        Integrations = ReadObject(json, "integrations");
        if (Type == SegmentEventType.Track && Event is null)
        {
            throw new SegmentEventException("event", "required", "a track event needs an event name");
        }
    }

    /// <summary>The call type.</summary>
    public SegmentEventType Type { get; }

    /// <summary>The call type as Segment writes it: <c>identify</c>, <c>track</c>, ...</summary>
    public string TypeName => TypeNames[(int)Type];

    /// <summary>The user id (numbers are read as their text).</summary>
    public string? UserId { get; }

    /// <summary>The anonymous id.</summary>
    public string? AnonymousId { get; }

    /// <summary>The message id, Segment's unique id of this call.</summary>
    public string? MessageId { get; }

    /// <summary>The previous id (<c>alias</c>).</summary>
    public string? PreviousId { get; }

    /// <summary>The group id (<c>group</c>).</summary>
    public string? GroupId { get; }

    /// <summary>The event name (<c>track</c>).</summary>
    public string? Event { get; }

    /// <summary>The page or screen name (<c>page</c>, <c>screen</c>).</summary>
    public string? Name { get; }

    /// <summary>When the call happened.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The <c>traits</c> object (identify, group), when present.</summary>
    public JsonElement? Traits { get; }

    /// <summary>The <c>properties</c> object (track, page, screen), when present.</summary>
    public JsonElement? Properties { get; }

    /// <summary>The <c>context</c> object, when present.</summary>
    public JsonElement? Context { get; }

    /// <summary>The <c>integrations</c> object, when present.</summary>
    public JsonElement? Integrations { get; }

    /// <summary>The whole event as read, unknown fields included. Mappings and triggers read this.</summary>
    public JsonElement Json { get; }

    private static readonly string[] TypeNames = ["identify", "track", "page", "screen", "group", "alias"];

    /// <summary>The one parse of a readable event: duplicate keys and nesting deeper than <see cref="MaxDepth"/> fail it.</summary>
    private static readonly JsonDocumentOptions StrictOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The parse of an event the full scan found readable.</summary>
    private static readonly JsonDocumentOptions LenientOptions = new() { MaxDepth = MaxDepth + 1 };

    /// <summary>
    /// Whether the event's <c>integrations</c> object keeps it from the destination named <paramref name="integrationName"/>,
    /// with Segment's semantics: <c>"Name": false</c> turns it off; otherwise <c>"All": false</c> turns it off unless
    /// <c>"Name"</c> is <c>true</c> or an options object (such as <c>{"listId": "…"}</c>). Names compare exactly.
    /// </summary>
    /// <param name="integrationName">The destination's name, e.g. <c>Klaviyo</c>.</param>
    /// <returns>Whether Segment would not deliver the event to that destination.</returns>
    public bool IsDisabledFor(string integrationName)
    {
        ArgumentNullException.ThrowIfNull(integrationName);
        return IsDisabledFor([integrationName]);
    }

    /// <summary>
    /// <see cref="IsDisabledFor(string)"/> for a destination that goes by several names (Segment's <c>Klaviyo</c> and
    /// <c>Klaviyo (Actions)</c>): off when any of the names is <c>false</c>; otherwise off when <c>"All": false</c> and
    /// none of the names is <c>true</c> or an options object.
    /// </summary>
    /// <param name="integrationNames">The names the destination goes by.</param>
    /// <returns>Whether Segment would not deliver the event to that destination.</returns>
    public bool IsDisabledFor(IReadOnlyCollection<string> integrationNames)
    {
        ArgumentNullException.ThrowIfNull(integrationNames);
        if (Integrations is not { } integrations)
        {
            return false;
        }

        bool allOff = false;
        bool enabled = false;
        foreach (var entry in integrations.EnumerateObject())
        {
            if (integrationNames.Contains(entry.Name, StringComparer.Ordinal))
            {
                switch (entry.Value.ValueKind)
                {
                    case JsonValueKind.False:
                        return true;
                    case JsonValueKind.True or JsonValueKind.Object:
                        enabled = true;
                        break;
                }
            }
            else if (entry.NameEquals("All"))
            {
                allOff = entry.Value.ValueKind == JsonValueKind.False;
            }
        }

        return allOff && !enabled;
    }

    /// <summary>Reads an event from JSON text.</summary>
    /// <param name="json">The event JSON.</param>
    /// <exception cref="SegmentEventException">The event cannot be read (names the field and rule).</exception>
    public static SegmentEvent Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // The UTF-8 copy only lives while the event is parsed (the event keeps its own clone), so it is rented, and
        // zeroed before it goes back: the event holds personal data.
        byte[] utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        int length = 0;
        try
        {
            // A lone surrogate in the text itself (not escaped) would silently become U+FFFD.
            if (Utf8.FromUtf16(json, utf8, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new JsonProblem(JsonScan.InvalidUnicode, "$").ToException();
            }

            return Parse(utf8.AsMemory(0, length));
        }
        finally
        {
            utf8.AsSpan(0, length).Clear();
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Reads an event from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The event JSON.</param>
    /// <exception cref="SegmentEventException">
    /// The event cannot be read (names the field and rule): not JSON (<c>json</c>), not an object (<c>object</c>), a
    /// property named twice in one object at any depth (<c>duplicate_key</c>, with its path), a string that is not valid
    /// Unicode (<c>invalid_unicode</c>, with its path), nesting deeper than <see cref="MaxDepth"/> (<c>max_depth</c>,
    /// naming the top-level field), or a spec field of the wrong type.
    /// </exception>
    public static SegmentEvent Parse(ReadOnlyMemory<byte> utf8Json)
    {
        // One strict parse finds duplicate keys and too much nesting; two vectorized searches tell whether it could miss
        // invalid Unicode. Only input that fails either is scanned again, to name the rule and the path.
        if (!JsonScan.NeedsFullCheck(utf8Json.Span))
        {
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(utf8Json, StrictOptions);
            }
            catch (JsonException)
            {
                // Named below.
            }

            if (document is not null)
            {
                using (document)
                {
                    return new SegmentEvent(CheckRoot(document.RootElement).Clone());
                }
            }
        }

        if (JsonScan.Check(utf8Json.Span, MaxDepth) is { } problem)
        {
            throw problem.ToException();
        }

        // The scan is the rule; the strict parse only finds problems fast.
        try
        {
            using var checkedDocument = JsonDocument.Parse(utf8Json, LenientOptions);
            return new SegmentEvent(CheckRoot(checkedDocument.RootElement).Clone());
        }
        catch (JsonException)
        {
            throw new JsonProblem(JsonScan.InvalidJson, "$").ToException();
        }
    }

    /// <summary>
    /// Reads the <c>messageId</c> of event JSON leniently, for reporting an event that cannot be read: the first
    /// top-level <c>messageId</c> string, or null when there is none or it cannot be read.
    /// </summary>
    /// <param name="utf8Json">The event JSON, valid or not.</param>
    /// <returns>The message id, or null.</returns>
    public static string? TryReadMessageId(ReadOnlySpan<byte> utf8Json) => JsonScan.TryReadTopLevelString(utf8Json, "messageId");

    /// <summary>Reads an event from a JSON element (copied, so the caller's document may be disposed).</summary>
    /// <param name="json">The event.</param>
    /// <exception cref="SegmentEventException">The event cannot be read (names the field and rule), as <see cref="Parse(ReadOnlyMemory{byte})"/>.</exception>
    public static SegmentEvent FromJson(JsonElement json)
    {
        CheckRoot(json);

        // The element's document may have allowed what an event may not (duplicate keys, invalid Unicode): its text is
        // read as any other event's.
        return Parse(JsonMarshal.GetRawUtf8Value(json).ToArray());
    }

    /// <summary>Reads an event from a JSON node.</summary>
    /// <param name="json">The event.</param>
    /// <exception cref="SegmentEventException">The event cannot be read (names the field and rule), as <see cref="Parse(ReadOnlyMemory{byte})"/>.</exception>
    public static SegmentEvent FromJson(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (JsonNodeCheck.Check(json) is { } problem)
        {
            throw problem.ToException();
        }

        return Parse(JsonNodeCheck.ToUtf8(json));
    }

    /// <summary>Tries to read an event from JSON text.</summary>
    /// <param name="json">The event JSON.</param>
    /// <param name="segmentEvent">The event, when readable.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether the event was read.</returns>
    public static bool TryParse(string? json, out SegmentEvent? segmentEvent, out SegmentEventException? error)
    {
        segmentEvent = null;
        error = null;
        if (json is null)
        {
            error = new SegmentEventException("$", "required", "no event was given");
            return false;
        }

        try
        {
            segmentEvent = Parse(json);
            return true;
        }
        catch (SegmentEventException e)
        {
            error = e;
            return false;
        }
    }

    /// <summary>An event over JSON already checked (used to hand hook outputs to mappings).</summary>
    internal static SegmentEvent FromCheckedJson(JsonElement json) => new(json);

    /// <inheritdoc />
    public override string ToString() =>
        Type == SegmentEventType.Track
            ? $"Segment track '{Event}' (messageId {MessageId ?? "none"})"
            : $"Segment {TypeName} (messageId {MessageId ?? "none"})";

    private static JsonElement CheckRoot(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new SegmentEventException("$", "object", $"an event must be a JSON object, not {Describe(json)}");
        }

        return json;
    }

    private static SegmentEventType ParseType(string typeName)
    {
        int index = Array.IndexOf(TypeNames, typeName.ToLowerInvariant());
        if (index < 0)
        {
            throw new SegmentEventException("type", "enum", "type must be one of identify, track, page, screen, group or alias");
        }

        return (SegmentEventType)index;
    }

    /// <summary>A spec field, absent when missing or null (an event names each property once).</summary>
    private static bool TryGetField(JsonElement json, string name, out JsonElement value) =>
        json.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string ReadRequiredString(JsonElement json, string name)
    {
        if (!TryGetField(json, name, out var value))
        {
            throw new SegmentEventException(name, "required", $"{name} is required");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SegmentEventException(name, "type", $"{name} must be a string, not {Describe(value)}");
        }

        return value.GetString()!;
    }

    private static string? ReadOptionalString(JsonElement json, string name)
    {
        if (!TryGetField(json, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SegmentEventException(name, "type", $"{name} must be a string, not {Describe(value)}");
    }

    private static string? ReadId(JsonElement json, string name)
    {
        if (!TryGetField(json, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => JsonNodes.JsNumber(JsonNodes.FromElement(value)!),
            _ => throw new SegmentEventException(name, "type", $"{name} must be a string or a number, not {Describe(value)}"),
        };
    }

    private static DateTimeOffset? ReadTimestamp(JsonElement json, string name)
    {
        if (!TryGetField(json, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SegmentEventException(name, "type", $"{name} must be an ISO 8601 string, not {Describe(value)}");
        }

        return SegmentDateTime.TryParse(value.GetString()!, out var parsed)
            ? parsed
            : throw new SegmentEventException(name, "datetime", $"{name} is not a valid ISO 8601 date-time");
    }

    private static JsonElement? ReadObject(JsonElement json, string name)
    {
        if (!TryGetField(json, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : throw new SegmentEventException(name, "type", $"{name} must be an object, not {Describe(value)}");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
