namespace Klaviyo.Actions.Batching;

/// <summary>
/// What every item of one bulk request must share: the list (import relationship, subscription list, list
/// membership), and for subscriptions the consent source and the historical-import flag.
/// </summary>
/// <param name="ListId">The list, or <see langword="null"/>.</param>
/// <param name="CustomSource">The subscription's <c>custom_source</c>, or <see langword="null"/>.</param>
/// <param name="HistoricalImport">The subscription's <c>historical_import</c> flag.</param>
internal readonly record struct BulkGroupKey(string? ListId, string? CustomSource = null, bool HistoricalImport = false)
{
    /// <summary>No list, no source.</summary>
    public static BulkGroupKey None => default;

    /// <inheritdoc />
    public override string ToString() =>
        $"list={ListId ?? "-"}{(CustomSource is null ? "" : " source=" + CustomSource)}{(HistoricalImport ? " historical" : "")}";
}
