using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Batching;

/// <summary>
/// <c>POST</c> or <c>DELETE /api/lists/{id}/relationships/profiles</c> with up to 1,000 profile ids
/// (<c>{"data":[{"type":"profile","id":…},…]}</c>). The same id twice in one request collapses into one element.
/// Klaviyo answers 204.
/// </summary>
internal sealed class KlaviyoListMembershipEndpoint : IBulkEndpoint<string>
{
    private static readonly Lazy<int> Envelope = new(() =>
        KlaviyoWire.Serialize(new FragmentList([]), KlaviyoJsonContext.Default.FragmentList, "listMembership").Length);

    private readonly KlaviyoTransport _transport;
    private readonly KlaviyoOperation _operation;
    private readonly HttpMethod _method;
    private readonly string _action;

    private KlaviyoListMembershipEndpoint(KlaviyoTransport transport, KlaviyoOperation operation, HttpMethod method, string action)
    {
        _transport = transport;
        _operation = operation;
        _method = method;
        _action = action;
    }

    /// <summary>Removes profiles from a list (Remove Profile from List, Remove Profile).</summary>
    public static KlaviyoListMembershipEndpoint Remove(KlaviyoTransport transport) =>
        new(transport, KlaviyoOperation.RemoveProfilesFromList, HttpMethod.Delete, Operations.ActionNames.RemoveProfileFromList);

    /// <summary>Adds profiles to a list.</summary>
    public static KlaviyoListMembershipEndpoint Add(KlaviyoTransport transport) =>
        new(transport, KlaviyoOperation.AddProfilesToList, HttpMethod.Post, Operations.ActionNames.AddProfileToList);

    /// <summary>The request path for a list.</summary>
    public static string PathFor(string listId) => "api/lists/" + Uri.EscapeDataString(listId) + "/relationships/profiles";

    /// <inheritdoc />
    public int MeasureEnvelope(BulkGroupKey key) => Envelope.Value;

    /// <inheritdoc />
    public BulkPartMeasure Measure(string part)
    {
        ArgumentException.ThrowIfNullOrEmpty(part);
        var fragment = KlaviyoWire.ToFragment(ResourceIdentifier.Profile(part), KlaviyoJsonContext.Default.ResourceIdentifier, _action);
        return new BulkPartMeasure(fragment.Length, MergeKey: BulkKey.Of(part), MergedBytes: 0, Wire: BulkWire.Keep(fragment));
    }

    /// <inheritdoc />
    public async Task<BulkChunkResponse> SendChunkAsync(BulkGroupKey key, IReadOnlyList<BulkRow<string>> rows, CancellationToken cancellationToken)
    {
        string listId = key.ListId is { Length: > 0 } id ? id : throw new InvalidOperationException("A list membership request needs a list id.");
        byte[] body = KlaviyoWire.Serialize(new FragmentList(BulkWire.FirstFragments(rows)), KlaviyoJsonContext.Default.FragmentList, _action);
        await _transport.SendAsync(_operation, _method, PathFor(listId), body, cancellationToken).ConfigureAwait(false);
        return BulkChunkResponse.Accepted;
    }
}
