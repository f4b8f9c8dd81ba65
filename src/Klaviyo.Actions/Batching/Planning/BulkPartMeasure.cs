namespace Klaviyo.Actions.Batching;

/// <summary>
/// How one part (profile, event, profile id) adds to a bulk request, as measured by the endpoint's serializer.
/// </summary>
/// <param name="Bytes">UTF-8 bytes of the part as a row of its own (without the separating comma).</param>
/// <param name="MergeKey">
/// Parts with the same key (not <see cref="BulkKey.None"/>) share one row when they are in the same request (events of one profile
/// share an <c>events-bulk-create</c> entry; duplicate profile ids collapse into one).
/// </param>
/// <param name="MergedBytes">Bytes the part adds to an existing row with its merge key (including its comma).</param>
/// <param name="ConflictKey">
/// Parts with the same key (not <see cref="BulkKey.None"/>) never share a request (Klaviyo fails a bulk event request whose
/// <c>unique_id</c> repeats for a profile and metric).
/// </param>
/// <param name="Wire">
/// The part as the endpoint serialized it while measuring (opaque to the planner and executor). The endpoint
/// sends exactly these bytes, so a part is serialized once and every resend of it is byte-identical (same event
/// time and <c>unique_id</c>).
/// </param>
internal readonly record struct BulkPartMeasure(int Bytes, BulkKey MergeKey = default, int MergedBytes = 0, BulkKey ConflictKey = default, object? Wire = null);
