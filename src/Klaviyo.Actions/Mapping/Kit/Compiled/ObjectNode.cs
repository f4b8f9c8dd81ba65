using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klaviyo.Actions.Mapping.Kit.Compiled;

/// <summary>
/// A plain object of field keys: each key's value in mapping order; a defined value sets the key and an undefined
/// one removes it (so a later duplicate key wins, as in the interpreter).
/// </summary>
internal sealed class ObjectNode(string[] keys, CompiledNode[] values) : CompiledNode
{
    /// <inheritdoc />
    public override Resolved Evaluate(JsonElement payload)
    {
        var obj = new JsonObject();
        for (int i = 0; i < keys.Length; i++)
        {
            var value = values[i].Evaluate(payload);
            if (value.IsDefined)
            {
                obj[keys[i]] = value.Value;
            }
            else
            {
                obj.Remove(keys[i]);
            }
        }

        return Resolved.Of(obj);
    }
}
