namespace Klaviyo.Actions.Api.Documents;

/// <summary>
/// Exact serialized size of a document whose one array holds pre-serialized fragments: the envelope (the
/// document with that array empty) plus every fragment plus the commas between them.
/// </summary>
internal static class BulkDocumentSize
{
    /// <summary>The size in bytes.</summary>
    /// <param name="envelopeBytes">The size of the document with the array empty.</param>
    /// <param name="itemCount">The number of fragments in the array.</param>
    /// <param name="itemBytes">The total size of the fragments.</param>
    public static long Of(int envelopeBytes, int itemCount, long itemBytes) =>
        envelopeBytes + itemBytes + Math.Max(0, itemCount - 1);
}
