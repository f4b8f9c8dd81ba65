using Klaviyo.Actions.Api;
using Klaviyo.Actions.Diagnostics;
using Klaviyo.Actions.Http;
using Klaviyo.Actions.Operations;

namespace Klaviyo.Actions;

public partial class KlaviyoClient
{
    /// <inheritdoc />
    public virtual async Task<KlaviyoAccount> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        using var activity = KlaviyoTelemetry.StartAction(ActionNames.TestAuthentication);

        const string path = "api/accounts";
        var response = await _transport.SendAsync(KlaviyoOperation.GetAccounts, HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var accounts = KlaviyoWire.Read(response, KlaviyoJsonContext.Default.AccountCollectionResponse, "GET " + path);
        if (accounts.Data is not [{ Id: { Length: > 0 } id } account, ..])
        {
            throw KlaviyoWire.Unexpected(response, "GET " + path, "it lists no account");
        }

        var attributes = account.Attributes;
        return new KlaviyoAccount(
            id,
            attributes?.ContactInformation?.OrganizationName,
            attributes?.TestAccount ?? false,
            attributes?.Timezone,
            attributes?.PreferredCurrency);
    }
}
