using System.Net;

namespace Klaviyo.Actions.Mapping.Engage;

/// <summary>
/// Finds the Klaviyo list of an Engage audience, the way Segment's audience hooks tie them together
/// (<c>createAudience</c>/<c>getAudience</c>), through the public <see cref="IKlaviyoClient"/>:
/// <list type="number">
/// <item><description><c>audience_settings.listId</c> set: that list (checked once with a read).</description></item>
/// <item><description><c>external_audience_id</c> names an existing Klaviyo list: that list.</description></item>
/// <item><description>Otherwise the list named after the audience key (<c>computation_key</c>): found by name,
/// or created on the audience's first "Audience Entered" event.</description></item>
/// </list>
/// Each audience is resolved once per destination instance and a list is created at most once, even when many
/// events of a new audience arrive at the same time.
/// </summary>
internal sealed class AudienceListResolver
{
    private readonly IKlaviyoClient _client;
    private readonly AsyncOnceCache<string?> _lists = new();

    public AudienceListResolver(IKlaviyoClient client) => _client = client;

    /// <summary>Resolves the audience's list.</summary>
    /// <param name="audience">The audience.</param>
    /// <param name="allowCreate">Whether a missing list may be created (entries, not exits).</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The list id, or <see langword="null"/> when there is none and none may be created.</returns>
    /// <exception cref="KlaviyoApiException">A list read or creation failed.</exception>
    public async Task<string?> ResolveAsync(EngageAudience audience, bool allowCreate, CancellationToken cancellationToken)
    {
        if (_lists.TryGetCompleted(audience.CacheKey, out string? known) && known is not null)
        {
            return known;
        }

        if (!allowCreate)
        {
            string? found = await FindAsync(audience, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                _lists.Set(audience.CacheKey, found);
            }

            return found;
        }

        return await _lists.GetOrRunAsync(audience.CacheKey, () => FindOrCreateAsync(audience), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> FindOrCreateAsync(EngageAudience audience)
    {
        string? found = await FindAsync(audience, CancellationToken.None).ConfigureAwait(false);
        if (found is not null || audience.Key is null)
        {
            return found;
        }

        var created = await _client.CreateListAsync(audience.Key, CancellationToken.None).ConfigureAwait(false);
        return created.Id;
    }

    private async Task<string?> FindAsync(EngageAudience audience, CancellationToken cancellationToken)
    {
        if (audience.SettingsListId is { } configured)
        {
            var list = await _client.GetListAsync(configured, cancellationToken).ConfigureAwait(false);
            return list.Id;
        }

        if (audience.ExternalAudienceId is { } external)
        {
            try
            {
                var list = await _client.GetListAsync(external, cancellationToken).ConfigureAwait(false);
                return list.Id;
            }
            catch (KlaviyoApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Not a Klaviyo list id (e.g. a Segment audience id): fall back to the list named after the audience.
            }
        }

        if (audience.Key is null)
        {
            return null;
        }

        var named = await _client.FindListsByNameAsync(audience.Key, cancellationToken).ConfigureAwait(false);
        return named.Count == 0 ? null : named.OrderBy(l => l.Id, StringComparer.Ordinal).First().Id;
    }
}
