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
    /// <summary>The most keys a sparse object (<see cref="Sparse"/>) can have: one bit per key.</summary>
    public const int MaxSparseKeys = 64;

    private readonly string[] _keys;

    /// <summary>One value per slot, or (sparse) only the defined values in slot order.</summary>
    private readonly CompiledValue[] _values;

    /// <summary>Sparse only: the slots that have a value in <see cref="_values"/> (fixed), one bit per slot.</summary>
    private readonly ulong _present;

    /// <summary>Sparse only: the slots still defined (<see cref="Undefine"/> clears bits).</summary>
    private ulong _defined;

    private readonly bool _sparse;
    private JsonObject? _object;

    /// <summary>Creates an object over compiled keys (distinct) and their resolved values (same length).</summary>
    public MappedObject(string[] keys, CompiledValue[] values)
    {
        _keys = keys;
        _values = values;
    }

    private MappedObject(string[] keys, ulong present, CompiledValue[] definedValues)
    {
        _keys = keys;
        _values = definedValues;
        _present = present;
        _defined = present;
        _sparse = true;
    }

    /// <summary>
    /// An object that stores only its defined values (most mapped keys are absent from a given event): bit <c>i</c>
    /// of <paramref name="present"/> says slot <c>i</c> is defined, and <paramref name="definedValues"/> holds those
    /// values in slot order. At most <see cref="MaxSparseKeys"/> keys.
    /// </summary>
    public static MappedObject Sparse(string[] keys, ulong present, CompiledValue[] definedValues)
    {
        if (keys.Length > MaxSparseKeys || System.Numerics.BitOperations.PopCount(present) != definedValues.Length)
        {
            throw new ArgumentException("A sparse mapped object needs at most 64 keys and one value per present bit.", nameof(definedValues));
        }

        return new MappedObject(keys, present, definedValues);
    }

    /// <summary>The number of slots (defined or not).</summary>
    public int SlotCount => _keys.Length;

    /// <summary>The key of a slot.</summary>
    public string KeyAt(int slot) => _keys[slot];

    /// <summary>The value of a slot (undefined when the key is absent).</summary>
    public CompiledValue ValueAt(int slot)
    {
        if (!_sparse)
        {
            return _values[slot];
        }

        return IsDefinedSparse(slot) ? _values[DenseIndex(slot)] : CompiledValue.Undefined;
    }

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
        if (!_sparse)
        {
            _values[slot] = value;
            return;
        }

        if (!IsDefinedSparse(slot) || !value.IsDefined)
        {
            throw new InvalidOperationException("Only a defined slot of a mapped object can be replaced, and only by a defined value.");
        }

        _values[DenseIndex(slot)] = value;
    }

    /// <summary>A defined slot's value as a node (see <see cref="Cleaned"/>); a fresh node tree for an element.</summary>
    public JsonNode? NodeAt(int slot)
    {
        var value = ValueAt(slot);
        return Cleaned && value.IsElementContainer ? Binding.EmptyValueRemover.FreeFormNode(value.Element) : value.ToNode();
    }

    /// <summary>Removes a slot's key (empty-value removal).</summary>
    public void Undefine(int slot)
    {
        EnsureNotMaterialized();
        if (_sparse)
        {
            _defined &= ~(1UL << slot);
        }
        else
        {
            _values[slot] = CompiledValue.Undefined;
        }
    }

    /// <summary>The slot of a defined key, or -1.</summary>
    public int Find(string key)
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            if (ValueAt(i).IsDefined && string.Equals(_keys[i], key, StringComparison.Ordinal))
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
            if (_sparse)
            {
                return System.Numerics.BitOperations.PopCount(_defined);
            }

            int count = 0;
            for (int i = 0; i < _values.Length; i++)
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
            if (ValueAt(i).IsDefined)
            {
                obj[_keys[i]] = NodeAt(i);
            }
        }

        _object = obj;
        return obj;
    }

    private bool IsDefinedSparse(int slot) => (_defined & (1UL << slot)) != 0;

    /// <summary>The index in <see cref="_values"/> of a present slot: the present slots before it.</summary>
    private int DenseIndex(int slot) => System.Numerics.BitOperations.PopCount(_present & ((1UL << slot) - 1));

    private void EnsureNotMaterialized()
    {
        if (_object is not null)
        {
            throw new InvalidOperationException("A mapped object cannot change after it was turned into a JSON object.");
        }
    }
}
