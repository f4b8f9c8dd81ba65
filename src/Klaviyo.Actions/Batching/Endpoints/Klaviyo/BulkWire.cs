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

    /// <summary>The fragment of each row's first part, in row order (one array element per row).</summary>
    public static JsonFragment[] FirstFragments<TPart>(IReadOnlyList<BulkRow<TPart>> rows)
    {
        var fragments = new JsonFragment[rows.Count];
        for (int r = 0; r < fragments.Length; r++)
        {
            fragments[r] = Of<JsonFragment, TPart>(rows[r].Planned[0]);
        }

        return fragments;
    }
}
