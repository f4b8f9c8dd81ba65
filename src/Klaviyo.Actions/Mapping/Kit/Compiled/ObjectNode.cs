using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// A plain object of field keys: each key's value in mapping order; a defined value sets the key and an undefined
/// one removes it (so a later duplicate key wins, as in the interpreter). With distinct keys (every real mapping)
/// the result is a <see cref="MappedObject"/> (one slot array, no <see cref="JsonObject"/>); with duplicate keys
/// it is the <see cref="JsonObject"/> the interpreter builds.
/// </summary>
internal sealed class ObjectNode : CompiledNode
{
    private readonly string[] _keys;
    private readonly CompiledNode[] _values;
    private readonly bool _distinct;

    /// <summary>Creates the node from the mapping's keys and their compiled values (same length, mapping order).</summary>
    public ObjectNode(string[] keys, CompiledNode[] values)
    {
        _keys = keys;
        _values = values;
        _distinct = new HashSet<string>(keys, StringComparer.Ordinal).Count == keys.Length;
    }

    /// <inheritdoc />
    public override CompiledValue Evaluate(JsonElement payload)
    {
        if (_distinct && _keys.Length <= MappedObject.MaxSparseKeys)
        {
            // Values are gathered on the stack; only the defined ones are kept (most mapped keys are absent).
            var buffer = default(SlotBuffer);
            Span<CompiledValue> defined = buffer;
            ulong present = 0;
            int count = 0;
            for (int i = 0; i < _keys.Length; i++)
            {
                var value = _values[i].Evaluate(payload);
                if (value.IsDefined)
                {
                    defined[count++] = value;
                    present |= 1UL << i;
                }
            }

            return CompiledValue.Of(MappedObject.Sparse(_keys, present, count == 0 ? [] : defined[..count].ToArray()));
        }

        if (_distinct)
        {
            var slots = new CompiledValue[_keys.Length];
            for (int i = 0; i < _keys.Length; i++)
            {
                slots[i] = _values[i].Evaluate(payload);
            }

            return CompiledValue.Of(new MappedObject(_keys, slots));
        }

        var obj = new JsonObject();
        for (int i = 0; i < _keys.Length; i++)
        {
            var value = _values[i].Evaluate(payload);
            if (value.IsDefined)
            {
                obj[_keys[i]] = value.ToNode();
            }
            else
            {
                obj.Remove(_keys[i]);
            }
        }

        return CompiledValue.Of(obj);
    }

    /// <summary>Room for one value per key of a sparse object, on the stack.</summary>
    [System.Runtime.CompilerServices.InlineArray(MappedObject.MaxSparseKeys)]
    private struct SlotBuffer
    {
        private CompiledValue _element;
    }
}
