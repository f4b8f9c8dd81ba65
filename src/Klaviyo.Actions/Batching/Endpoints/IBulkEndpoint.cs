namespace Klaviyo.Actions.Batching;

/// <summary>
/// The wire side of one Klaviyo bulk endpoint: measures parts and envelopes, and sends one planned request.
/// Implemented over the real JSON:API documents by the client; the planner and executor know only this.
/// </summary>
/// <typeparam name="TPart">
/// The part the endpoint sends: <see cref="UpsertProfileRequest"/> (profile import),
/// <see cref="TrackEventRequest"/> (bulk events), <see cref="SubscribeProfileRequest"/>,
/// <see cref="UnsubscribeProfileRequest"/>, or <see cref="string"/> profile ids (list add/remove). Parts are
/// already validated and normalized (E.164 phones).
/// </typeparam>
internal interface IBulkEndpoint<TPart>
{
    /// <summary>
    /// The UTF-8 size of a request for <paramref name="key"/> with no rows (envelope, relationships, attributes
    /// such as <c>custom_source</c>). The planned request size is this plus each row and one comma between rows.
    /// </summary>
    int MeasureEnvelope(BulkGroupKey key);

    /// <summary>
    /// The UTF-8 size of a part serialized exactly as <see cref="SendChunkAsync"/> writes it, and its merge and
    /// conflict keys (see <see cref="BulkPartMeasure"/>). Called once per part, possibly on a producer thread.
    /// </summary>
    BulkPartMeasure Measure(TPart part);

    /// <summary>
    /// Measures a part that follows <paramref name="previous"/> (the measure of the part before it in the same item):
    /// an endpoint may reuse the previous part's serialized pieces when they are the same (an order's product events
    /// share the order's profile). What is shared lives only in the two measures, never in the endpoint.
    /// </summary>
    BulkPartMeasure MeasureNext(TPart part, in BulkPartMeasure previous) => Measure(part);

    /// <summary>
    /// Sends one request: the envelope for <paramref name="key"/> and the rows in order (row <c>i</c> is the
    /// <c>i</c>-th array element, so Klaviyo's <c>source.pointer</c> indices refer to it). The transport's rate
    /// limiting and retries apply inside.
    /// </summary>
    /// <returns>Klaviyo's acceptance, with the job id when the endpoint returns one.</returns>
    /// <exception cref="KlaviyoApiException">Klaviyo answered with an error (after retries).</exception>
    Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<TPart>> rows, CancellationToken cancellationToken);
}
