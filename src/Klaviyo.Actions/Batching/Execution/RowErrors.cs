namespace Klaviyo.Actions.Batching;

/// <summary>
/// Klaviyo's errors for one bulk request, split into those pointing at rows of the request and those about the
/// request as a whole.
/// </summary>
internal sealed class RowErrors
{
    private RowErrors(Dictionary<int, List<(int Part, KlaviyoError Error)>> byRow, List<KlaviyoError> requestLevel, bool refusable)
    {
        ByRow = byRow;
        RequestLevel = requestLevel;
        IsRowLevel = refusable && byRow.Count > 0 && requestLevel.Count == 0;
    }

    /// <summary>Errors by row index, each with the part index inside a merged row (-1 for the whole row).</summary>
    public Dictionary<int, List<(int Part, KlaviyoError Error)>> ByRow { get; }

    /// <summary>Errors that point at no row of this request.</summary>
    public List<KlaviyoError> RequestLevel { get; }

    /// <summary>
    /// Whether the refusal is only about rows: a non-transient 4xx whose every error names a row of the request.
    /// Then the other rows can be resent without them.
    /// </summary>
    public bool IsRowLevel { get; }

    public static RowErrors Analyze(KlaviyoApiException exception, BulkEndpointDescriptor endpoint, int rowCount)
    {
        var byRow = new Dictionary<int, List<(int, KlaviyoError)>>();
        var requestLevel = new List<KlaviyoError>();
        foreach (var error in exception.Errors)
        {
            if (BulkErrorPointer.TryParse(error.SourcePointer, endpoint, out int row, out int part) && row < rowCount)
            {
                if (!byRow.TryGetValue(row, out var list))
                {
                    byRow[row] = list = [];
                }

                list.Add((part, error));
            }
            else
            {
                requestLevel.Add(error);
            }
        }

        int status = (int)exception.StatusCode;
        bool refusable = status is >= 400 and < 500 && !exception.IsTransient && status is not 401 and not 403;
        return new RowErrors(byRow, requestLevel, refusable);
    }
}
