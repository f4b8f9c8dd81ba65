namespace Klaviyo.Actions.Sync;

/// <summary>An <see cref="IKlaviyoListSyncTargetProvider"/> over a fixed set of named targets.</summary>
public sealed class ListSyncTargetProvider : IKlaviyoListSyncTargetProvider
{
    private readonly Dictionary<string, IKlaviyoListSyncTarget> _targets;

    /// <summary>Creates a provider from named targets (names compared ordinally).</summary>
    /// <param name="targets">The targets by credential name.</param>
    public ListSyncTargetProvider(IReadOnlyDictionary<string, IKlaviyoListSyncTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = new Dictionary<string, IKlaviyoListSyncTarget>(targets, StringComparer.Ordinal);
    }

    /// <summary>Creates a provider with one target under one name.</summary>
    /// <param name="credentialName">The name connectors refer to.</param>
    /// <param name="target">The target.</param>
    public ListSyncTargetProvider(string credentialName, IKlaviyoListSyncTarget target)
        : this(new Dictionary<string, IKlaviyoListSyncTarget>(StringComparer.Ordinal) { [credentialName] = target ?? throw new ArgumentNullException(nameof(target)) })
    {
    }

    /// <inheritdoc />
    public IKlaviyoListSyncTarget GetTarget(string credentialName) =>
        _targets.TryGetValue(credentialName, out var target)
            ? target
            : throw new KeyNotFoundException($"No Klaviyo list-sync target is registered under the credential name '{credentialName}'.");
}
