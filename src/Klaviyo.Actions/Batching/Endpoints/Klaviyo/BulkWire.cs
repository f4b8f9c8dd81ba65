using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Batching;

/// <summary>Reads back what an endpoint serialized while measuring (<see cref="BulkPartMeasure.Wire"/>).</summary>
internal static class BulkWire
{
    /// <summary>The serialized form of a planned part.</summary>
    /// <exception cref="InvalidOperationException">The part was not measured by this kind of endpoint.</exception>
    public static TWire Of<TWire, TPart>(PlannedPart<TPart> part) =>
        part.Measure.Wire is TWire wire
            ? wire
            : throw new InvalidOperationException($"A bulk part was not measured by the endpoint sending it (expected {typeof(TWire).Name}).");

    /// <summary>
    /// What a single-fragment endpoint keeps as <see cref="BulkPartMeasure.Wire"/>: the fragment's bytes (an array, so the
    /// fragment struct is not boxed).
    /// </summary>
    /// <param name="fragment">The serialized part.</param>
    public static object Keep(JsonFragment fragment) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(fragment.Utf8Json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : fragment;

    /// <summary>The fragment a single-fragment endpoint kept (<see cref="Keep"/>).</summary>
    /// <param name="wire">The measure's <see cref="BulkPartMeasure.Wire"/>.</param>
    /// <exception cref="InvalidOperationException">The part was not measured by a single-fragment endpoint.</exception>
    public static JsonFragment Fragment(object? wire) => wire switch
    {
        byte[] bytes => new JsonFragment(bytes),
        JsonFragment fragment => fragment,
        _ => throw new InvalidOperationException("A bulk part was not measured by the endpoint sending it (expected a JSON fragment)."),
    };

    /// <summary>The fragment of each row's first part, in row order (one array element per row).</summary>
    public static JsonFragment[] FirstFragments<TPart>(IReadOnlyList<BulkRow<TPart>> rows)
    {
        var fragments = new JsonFragment[rows.Count];
        for (int r = 0; r < fragments.Length; r++)
        {
            fragments[r] = Fragment(rows[r].Planned[0].Measure.Wire);
        }

        return fragments;
    }
}
