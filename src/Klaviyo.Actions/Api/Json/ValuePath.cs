using System.Globalization;

namespace Klaviyo.Actions.Api.Json;

/// <summary>
/// Where a custom value sits (<c>properties.products[0].price</c>), for error messages only: a member or index of an
/// already-built parent path, turned into a string only when an error names it or a container's children need it,
/// so writing leaf values builds no path strings.
/// </summary>
internal readonly struct ValuePath
{
    private readonly string _parent;
    private readonly string? _key;
    private readonly int _index;

    private ValuePath(string parent, string? key, int index)
    {
        _parent = parent;
        _key = key;
        _index = index;
    }

    /// <summary>A path given whole (e.g. <c>properties</c>).</summary>
    public static ValuePath Of(string path) => new(path, null, -1);

    /// <summary>The member <paramref name="key"/> of the container at <paramref name="parent"/>.</summary>
    public static ValuePath Member(string parent, string key) => new(parent, key, -1);

    /// <summary>Item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static ValuePath Item(string parent, int index) => new(parent, null, index);

    /// <summary>What a key that looks like an email address or phone number is shown as (paths reach logs and stats).</summary>
    public const string Redacted = "<redacted>";

    /// <summary>
    /// <paramref name="key"/> as a path segment: <see cref="Redacted"/> when it looks like personal data (an email
    /// address, a phone number), so that a customer keyed by email never reaches a reason, a log or <c>/v1/stats</c>.
    /// </summary>
    public static string Segment(string key) => LooksPersonal(key) ? Redacted : key;

    /// <inheritdoc />
    public override string ToString() =>
        _key is not null ? (_parent.Length == 0 ? Segment(_key) : string.Concat(_parent, ".", Segment(_key)))
        : _index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{_parent}[{_index}]")
        : _parent;

    private static bool LooksPersonal(string key)
    {
        if (key.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        int digits = 0;
        foreach (char c in key)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '.' or '/'))
            {
                return false;
            }
        }

        return digits >= 7;
    }
}
