using System.Collections;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>
/// A fixed set of member or parameter names. <see cref="Matches"/> compares a JSON property's UTF-8 name without
/// allocating a string, which keeps the unknown-member check cheap on the hot path.
/// </summary>
internal sealed class NameSet : IEnumerable<string>
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly FrozenSet<string> _set;

    private NameSet(string[] names)
    {
        _names = names;
        _utf8 = names.Select(Encoding.UTF8.GetBytes).ToArray();
        _set = names.ToFrozenSet(StringComparer.Ordinal);
    }

    public static NameSet Of(params string[] names) => new(names);

    public bool Contains(string name) => _set.Contains(name);

    public bool Matches(JsonProperty property)
    {
        foreach (byte[] name in _utf8)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_names).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
