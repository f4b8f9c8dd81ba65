using System.Globalization;
using Klaviyo.Actions.Api;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Http;

namespace Klaviyo.Actions.Operations;

/// <summary>
/// Finds Klaviyo profile ids by external id, email and phone number with
/// <c>GET /api/profiles?filter=any(field,[…])&amp;page[size]=100</c>: one filter per kind and chunk of
/// <see cref="DefaultValuesPerFilter"/> values, every result page followed through <c>links.next</c> (Segment reads
/// only the first page and sends values unescaped).
/// </summary>
internal sealed class ProfileIdLookup
{
    /// <summary>Values per <c>any(…)</c> filter (Klaviyo documents no limit; 100 is a safe URL length).</summary>
    public const int DefaultValuesPerFilter = 100;

    /// <summary>Profiles per page (Klaviyo's maximum for <c>GET /api/profiles</c>).</summary>
    public const int PageSize = 100;

    private readonly KlaviyoTransport _transport;
    private readonly int _valuesPerFilter;

    /// <summary>Creates the look-up.</summary>
    /// <param name="transport">The transport.</param>
    /// <param name="valuesPerFilter">Values per filter request (1–100).</param>
    public ProfileIdLookup(KlaviyoTransport transport, int valuesPerFilter = DefaultValuesPerFilter)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentOutOfRangeException.ThrowIfLessThan(valuesPerFilter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valuesPerFilter, DefaultValuesPerFilter);
        _transport = transport;
        _valuesPerFilter = valuesPerFilter;
    }

    /// <summary>The first-page path of one filter request.</summary>
    /// <param name="kind">The identifier kind.</param>
    /// <param name="values">The values (at most <see cref="DefaultValuesPerFilter"/>).</param>
    public static string FirstPagePath(ProfileIdentifierKind kind, IEnumerable<string> values) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"api/profiles?{KlaviyoFilter.QueryParameter(KlaviyoFilter.Any(kind.FieldName(), values))}&page[size]={PageSize}");

    /// <summary>Looks up every profile matching any of the identifiers. Sends nothing for an empty set.</summary>
    /// <param name="identifiers">The identifiers.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public async Task<ProfileLookupResult> FindAsync(ProfileIdentifierSet identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (identifiers.IsEmpty)
        {
            return ProfileLookupResult.Empty;
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var matches = new List<ProfileMatch>();
        foreach (var kind in ProfileIdentifierKinds.LookupOrder)
        {
            foreach (string[] chunk in identifiers.Values(kind).Chunk(_valuesPerFilter))
            {
                await foreach (var profile in ReadAllPagesAsync(FirstPagePath(kind, chunk), cancellationToken).ConfigureAwait(false))
                {
                    if (string.IsNullOrEmpty(profile.Id))
                    {
                        continue;
                    }

                    matches.Add(new ProfileMatch(profile.Id, kind, ValueOf(profile.Attributes, kind)));
                    if (seen.Add(profile.Id))
                    {
                        ids.Add(profile.Id);
                    }
                }
            }
        }

        return new ProfileLookupResult(ids, matches);
    }

    private async IAsyncEnumerable<ProfileData> ReadAllPagesAsync(
        string firstPage,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? path = firstPage;
        while (path is not null && visited.Add(path))
        {
            var response = await _transport.SendAsync(KlaviyoOperation.GetProfiles, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
            var page = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.ProfileCollectionResponse, "GET api/profiles");
            foreach (var profile in page.Data ?? [])
            {
                yield return profile;
            }

            path = KlaviyoPaging.NextPath(page.Links?.Next);
        }
    }

    private static string? ValueOf(ProfileIdentifierAttributes? attributes, ProfileIdentifierKind kind) => kind switch
    {
        ProfileIdentifierKind.ExternalId => attributes?.ExternalId,
        ProfileIdentifierKind.Email => attributes?.Email,
        _ => attributes?.PhoneNumber,
    };
}
