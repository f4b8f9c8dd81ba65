namespace Klaviyo.Actions.Sync;

/// <summary>
/// Turns a connector's <see cref="ListSyncConnector.CredentialName"/> into the target that applies its changes,
/// so the state store only ever holds a name, never an API key.
/// </summary>
public interface IKlaviyoListSyncTargetProvider
{
    /// <summary>Returns the target for a credential name.</summary>
    /// <param name="credentialName">The connector's credential name.</param>
    /// <returns>The target.</returns>
    /// <exception cref="KeyNotFoundException">No client or key is registered under that name.</exception>
    IKlaviyoListSyncTarget GetTarget(string credentialName);
}
