using System.Buffers;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// A plain mapping object resolved for one event without building a <see cref="JsonObject"/>: the compiled keys
/// (shared, distinct, in mapping order) and one slot per key. Empty-value removal undefines slots in place;
/// binding reads slots by key. <see cref="ToJsonObject"/> gives the same object <see cref="ObjectNode"/> builds
/// for the diagnostic payload or for an unusual read, once (nodes can have one parent only).
/// </summary>
internal sealed class MappedObject
{
    private readonly string[] _keys;
    private CompiledValue[] _values;
    private JsonObject? _object;

    /// <summary>Creates an object over compiled keys (distinct) and their resolved values (same length).</summary>
    public MappedObject(string[] keys, CompiledValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>The number of slots (defined or not).</summary>
    public int SlotCount => _keys.Length;

    /// <summary>The key of a slot.</summary>
    public string KeyAt(int slot) => _keys[slot];

    /// <summary>The value of a slot (undefined when the key is absent).</summary>
    public CompiledValue ValueAt(int slot) => _values[slot];

    /// <summary>
    /// Whether empty-value removal has run: from then on an object or array still kept as an element is a free-form
    /// value whose empty values are removed as it becomes a node (<see cref="NodeAt"/>) or CLR values.
    /// </summary>
    public bool Cleaned { get; private set; }

    /// <summary>Records that empty-value removal has run over this object.</summary>
    public void MarkCleaned() => Cleaned = true;

    /// <summary>Replaces a slot's value (empty-value removal turning an element into the node it cleans).</summary>
    public void Set(int slot, CompiledValue value)
    {
        EnsureNotMaterialized();
        _values[slot] = value;
    }

    /// <summary>A defined slot's value as a node (see <see cref="Cleaned"/>); a fresh node tree for an element.</summary>
    public JsonNode? NodeAt(int slot)
    {
        var value = _values[slot];
        return Cleaned && value.IsElementContainer ? Binding.EmptyValueRemover.FreeFormNode(value.Element) : value.ToNode();
    }

    /// <summary>Removes a slot's key (empty-value removal).</summary>
    public void Undefine(int slot)
    {
        EnsureNotMaterialized();
        _values[slot] = CompiledValue.Undefined;
    }

    /// <summary>The slot of a defined key, or -1.</summary>
    public int Find(string key)
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_values[i].IsDefined && string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The number of defined keys.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _keys.Length; i++)
            {
                count += _values[i].IsDefined ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>The object as a <see cref="JsonObject"/> (defined keys in mapping order), built on first call; the
    /// slots must not change afterwards.</summary>
    public JsonObject ToJsonObject()
    {
        if (_object is { } built)
        {
            return built;
        }

        var obj = new JsonObject();
        for (int i = 0; i < _keys.Length; i++)
        {
            if (_values[i].IsDefined)
            {
                obj[_keys[i]] = NodeAt(i);
            }
        }

        _object = obj;
        return obj;
    }

    /// <summary>
    /// Gives the slot arrays (this object's and its nested mapped objects') back to the pool they were rented from,
    /// cleared (they point into the event, which holds personal data). The object must not be read afterwards; a
    /// second call does nothing.
    /// </summary>
    public void Release()
    {
        var values = _values;
        if (values.Length == 0)
        {
            return;
        }

        _values = [];
        for (int i = 0; i < _keys.Length; i++)
        {
            values[i].Mapped?.Release();
        }

        values.AsSpan(0, _keys.Length).Clear();
        ArrayPool<CompiledValue>.Shared.Return(values);
    }

    private void EnsureNotMaterialized()
    {
        if (_object is not null)
        {
            throw new InvalidOperationException("A mapped object cannot change after it was turned into a JSON object.");
        }
    }
}
