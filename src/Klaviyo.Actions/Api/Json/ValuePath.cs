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

    /// <inheritdoc />
    public override string ToString() =>
        _key is not null ? (_parent.Length == 0 ? _key : string.Concat(_parent, ".", _key))
        : _index >= 0 ? string.Create(CultureInfo.InvariantCulture, $"{_parent}[{_index}]")
        : _parent;
}
