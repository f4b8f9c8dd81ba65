using System.Buffers;
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
        if (_distinct)
        {
            // Rented (the destination gives the arrays back once the request is bound; see MappedObject.Release).
            // Only the first _keys.Length slots are used; every slot is written below.
            var slots = ArrayPool<CompiledValue>.Shared.Rent(_keys.Length);
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
}
