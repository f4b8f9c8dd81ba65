using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;
using Klaviyo.Actions.Mapping.Kit.Compiled;

namespace Klaviyo.Actions.Mapping.Binding;

/// <summary>
/// Reads a mapped (and cleaned) payload by Segment field keys, applying Segment's type coercions
/// (ajv <c>coerceTypes: "array"</c>): numbers and booleans to text for string fields, numeric text to numbers,
/// <c>"true"</c>/<c>"false"</c> to booleans, a one-item array to its item, a single object to a one-item array
/// for <c>multiple</c> fields. Every problem is collected as a <see cref="KlaviyoValidationError"/> naming the field.
/// </summary>
internal readonly struct PayloadReader
{
    private readonly JsonObject? _payload;
    private readonly MappedObject? _mapped;
    private readonly string _prefix;

    /// <summary>Creates a reader over a payload.</summary>
    public PayloadReader(JsonObject payload, List<KlaviyoValidationError> errors, string prefix = "")
    {
        _payload = payload;
        Errors = errors;
        _prefix = prefix;
    }

    /// <summary>Creates a reader over a payload kept as compiled slots (no node tree for its plain objects).</summary>
    public PayloadReader(MappedObject payload, List<KlaviyoValidationError> errors, string prefix = "")
    {
        _mapped = payload;
        Errors = errors;
        _prefix = prefix;
    }

    /// <summary>The problems found so far.</summary>
    public List<KlaviyoValidationError> Errors { get; }

    /// <summary>Whether the key is present (a present null counts).</summary>
    public bool Has(string key) => _mapped is not null ? _mapped.Find(key) >= 0 : _payload!.ContainsKey(key);

    /// <summary>A reader over an object sub-field, with the field name as prefix in messages.</summary>
    public PayloadReader Nested(JsonObject obj, string key) => new(obj, Errors, FieldPath(key));

    /// <summary>
    /// A reader over an object field (absent or null give <see langword="null"/>; anything else that is not an
    /// object is a type error), with the field name as prefix in messages.
    /// </summary>
    public PayloadReader? NestedObject(FieldSpec field)
    {
        if (MappedField(field) is { } mapped)
        {
            return new PayloadReader(mapped, Errors, FieldPath(field.Key));
        }

        var obj = Object(field);
        return obj is null ? null : Nested(obj, field.Key);
    }

    /// <summary>The keys of this (object) reader that <paramref name="field"/> does not declare, as plain CLR values.</summary>
    /// <returns>The undeclared keys, or <see langword="null"/> when there are none.</returns>
    public Dictionary<string, object?>? Undeclared(FieldSpec field)
    {
        Dictionary<string, object?>? extra = null;
        if (_mapped is { } mapped)
        {
            for (int i = 0; i < mapped.SlotCount; i++)
            {
                var value = mapped.ValueAt(i);
                if (value.IsDefined && field.Sub(mapped.KeyAt(i)) is null)
                {
                    (extra ??= new Dictionary<string, object?>(StringComparer.Ordinal))[mapped.KeyAt(i)] = ToClr(value);
                }
            }

            return extra;
        }

        foreach (var (key, value) in _payload!)
        {
            if (field.Sub(key) is null)
            {
                (extra ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = JsonNodes.ToClr(value);
            }
        }

        return extra;
    }

    /// <summary>Records a problem.</summary>
    public void AddError(string key, string rule, string message) => Errors.Add(new KlaviyoValidationError(FieldPath(key), rule, message));

    /// <summary>Checks required fields are present.</summary>
    public void Require(IReadOnlyList<FieldSpec> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.Required && !Has(field.Key))
            {
                AddError(field.Key, "required", _prefix.Length == 0
                    ? $"The root value is missing the required field '{field.Key}'."
                    : $"The {_prefix} value is missing the required field '{field.Key}'.");
            }
        }
    }

    /// <summary>A string field (absent or null give <see langword="null"/>).</summary>
    public string? String(FieldSpec field) => TryString(field, out string? value) ? value : null;

    /// <summary>A string field that keeps absent apart from present (nullable fields may hold null).</summary>
    public Optional<string?> OptionalString(FieldSpec field)
    {
        if (!Has(field.Key))
        {
            return Optional<string?>.Absent;
        }

        return TryString(field, out string? value) ? new Optional<string?>(value) : Optional<string?>.Absent;
    }

    /// <summary>A number field.</summary>
    public decimal? Number(FieldSpec field)
    {
        if (MappedElement(field) is { ValueKind: JsonValueKind.Number } element && element.TryGetDecimal(out decimal direct))
        {
            return direct;
        }

        if (!TryGet(field, out var node) || node is null)
        {
            return null;
        }

        node = Unwrap(node);
        if (JsonNodes.TryGetDecimal(node, out decimal number))
        {
            return number;
        }

        if (JsonNodes.KindOf(node) == JsonValueKind.Number)
        {
            AddError(field.Key, "number_range", $"{field.Label} is outside the range of numbers this library can send.");
            return null;
        }

        if (JsonNodes.TryGetString(node, out string text) && TryParseNumber(text, out number))
        {
            return number;
        }

        switch (JsonNodes.KindOf(node))
        {
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
        }

        TypeError(field, "a number", node);
        return null;
    }

    /// <summary>A boolean field.</summary>
    public bool? Boolean(FieldSpec field)
    {
        switch (MappedElement(field).ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
        }

        if (!TryGet(field, out var node) || node is null)
        {
            return null;
        }

        node = Unwrap(node);
        switch (JsonNodes.KindOf(node))
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
        }

        if (JsonNodes.TryGetString(node, out string text) && text is "true" or "false")
        {
            return text == "true";
        }

        if (JsonNodes.TryGetDouble(node, out double d) && d is 0 or 1)
        {
            return d == 1;
        }

        TypeError(field, "a boolean", node);
        return null;
    }

    /// <summary>A <c>datetime</c> field: date-like text or a Unix epoch.</summary>
    public DateTimeOffset? DateTime(FieldSpec field)
    {
        if (MappedElement(field) is { ValueKind: JsonValueKind.String } element && SegmentDateTime.TryRead(element, out var parsed))
        {
            return parsed;
        }

        if (!TryGet(field, out var node) || node is null)
        {
            return null;
        }

        node = Unwrap(node);
        if (SegmentDateTime.TryRead(node, out var value))
        {
            return value;
        }

        AddError(field.Key, "datetime", $"{field.Label} must be a valid date-like string but it was not.");
        return null;
    }

    /// <summary>An object field.</summary>
    public JsonObject? Object(FieldSpec field)
    {
        if (!TryGet(field, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return obj;
        }

        TypeError(field, "an object", node);
        return null;
    }

    /// <summary>A free-form object field as a dictionary of plain CLR values.</summary>
    public IReadOnlyDictionary<string, object?>? Dictionary(FieldSpec field)
    {
        if (MappedField(field) is { } mapped)
        {
            return ToDictionary(mapped);
        }

        if (MappedElement(field) is { ValueKind: JsonValueKind.Object } element)
        {
            return (Dictionary<string, object?>)EmptyValueRemover.FreeFormClr(element)!;
        }

        var obj = Object(field);
        return obj is null ? null : JsonNodes.ToDictionary(obj);
    }

    /// <summary>A <c>multiple</c> object field: the objects, a single object counting as one.</summary>
    public IReadOnlyList<JsonObject>? ObjectArray(FieldSpec field)
    {
        if (!TryGet(field, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonObject single)
        {
            return [single];
        }

        if (node is not JsonArray array)
        {
            TypeError(field, "an array of objects", node);
            return null;
        }

        var items = new List<JsonObject>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add(item);
            }
            else
            {
                AddError($"{field.Key}[{i}]", "type", $"Each item of {field.Label} must be an object but item {i} was {Describe(array[i])}.");
            }
        }

        return items;
    }

    /// <summary>Reads a number as text-or-number for product ids and similar loose fields.</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && text.Trim().Length > 0;

    /// <summary>"an object", "a string", ... for messages.</summary>
    public static string Describe(JsonNode? node) => Describe(JsonNodes.KindOf(node));

    /// <summary>"an object", "a string", ... for messages.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private bool TryString(FieldSpec field, out string? value)
    {
        if (MappedElement(field) is { ValueKind: JsonValueKind.String } element)
        {
            value = element.GetString();
            return true;
        }

        value = null;
        if (!TryGet(field, out var node))
        {
            return false;
        }

        if (node is null)
        {
            return field.Nullable;
        }

        node = Unwrap(node);
        switch (JsonNodes.KindOf(node))
        {
            case JsonValueKind.String:
                JsonNodes.TryGetString(node, out string text);
                value = text;
                return true;
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
                value = JsonNodes.JsString(node);
                return true;
            default:
                TypeError(field, "a string", node);
                return false;
        }
    }

    private bool TryGet(FieldSpec field, out JsonNode? node)
    {
        if (_mapped is null)
        {
            return _payload!.TryGetPropertyValue(field.Key, out node);
        }

        int slot = _mapped.Find(field.Key);
        if (slot < 0)
        {
            node = null;
            return false;
        }

        // A plain mapped object read as something else (a type error, or an unusual read) becomes its node once.
        node = _mapped.NodeAt(slot);
        return true;
    }

    /// <summary>The field's value when it is kept as an element of the event or the mapping (else an undefined
    /// element). An object or array read this way has not had its empty values removed.</summary>
    public JsonElement MappedElement(FieldSpec field)
    {
        if (_mapped is null)
        {
            return default;
        }

        int slot = _mapped.Find(field.Key);
        return slot < 0 ? default : _mapped.ValueAt(slot).Element;
    }

    /// <summary>The field's value when it is a plain mapped object kept as slots.</summary>
    private MappedObject? MappedField(FieldSpec field)
    {
        if (_mapped is null)
        {
            return null;
        }

        int slot = _mapped.Find(field.Key);
        return slot < 0 ? null : _mapped.ValueAt(slot).Mapped;
    }

    /// <summary>As <see cref="JsonNodes.ToDictionary"/> over the object <see cref="MappedObject.ToJsonObject"/> would build.</summary>
    private static Dictionary<string, object?> ToDictionary(MappedObject mapped)
    {
        var dictionary = new Dictionary<string, object?>(mapped.Count, StringComparer.Ordinal);
        for (int i = 0; i < mapped.SlotCount; i++)
        {
            var value = mapped.ValueAt(i);
            if (value.IsDefined)
            {
                dictionary[mapped.KeyAt(i)] = ToClr(value);
            }
        }

        return dictionary;
    }

    private static object? ToClr(CompiledValue value)
    {
        if (value.Mapped is { } mapped)
        {
            return ToDictionary(mapped);
        }

        if (!value.IsElement)
        {
            return JsonNodes.ToClr(value.Node);
        }

        // A container is free-form (empty values removed); a scalar converts as JsonNodes.ToClr would.
        return EmptyValueRemover.FreeFormClr(value.Element);
    }

    /// <summary>ajv's array coercion: a one-item array of a scalar stands for that scalar.</summary>
    private static JsonNode? Unwrap(JsonNode? node) =>
        node is JsonArray { Count: 1 } array && array[0] is not JsonObject and not JsonArray and not null ? array[0] : node;

    private void TypeError(FieldSpec field, string expected, JsonNode? node) =>
        AddError(field.Key, "type", $"{field.Label} must be {expected} but it was {Describe(node)}.");

    private string FieldPath(string key) => _prefix.Length == 0 ? key : _prefix + "." + key;
}
