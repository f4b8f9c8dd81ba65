using Klaviyo.Actions.Mapping.Engage;

namespace Klaviyo.Actions.Mapping.ReverseEtl;

/// <summary>
/// Runs Upsert Profile's "connect to a static list" hook once per mapping: an existing list is checked with a
/// read (a missing list fails, as in Segment); a named list is looked up and created only if none has the name.
/// </summary>
internal sealed class StaticListHookRunner
{
    private readonly IKlaviyoClient _client;
    private readonly AsyncOnceCache<string?> _lists = new();

    public StaticListHookRunner(IKlaviyoClient client) => _client = client;

    /// <summary>The hook's list id.</summary>
    /// <exception cref="KlaviyoApiException">The list read or creation failed.</exception>
    public Task<string?> ResolveAsync(StaticListHook hook, CancellationToken cancellationToken)
    {
        string key = hook.ListId is not null ? "id:" + hook.ListId : "name:" + hook.ListName;
        return _lists.GetOrRunAsync(key, () => RunAsync(hook), cancellationToken);
    }

    private async Task<string?> RunAsync(StaticListHook hook)
    {
        if (hook.ListId is { } id)
        {
            var list = await _client.GetListAsync(id, CancellationToken.None).ConfigureAwait(false);
            return list.Id;
        }

        var named = await _client.FindListsByNameAsync(hook.ListName!, CancellationToken.None).ConfigureAwait(false);
        if (named.Count > 0)
        {
            return named.OrderBy(l => l.Id, StringComparer.Ordinal).First().Id;
        }

        var created = await _client.CreateListAsync(hook.ListName!, CancellationToken.None).ConfigureAwait(false);
        return created.Id;
    }
}
