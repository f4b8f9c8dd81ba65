namespace Klaviyo.Actions.Mapping;

/// <summary>What happened to an event under one mapping.</summary>
public enum MappingOutcomeKind
{
    /// <summary>Klaviyo accepted the action(s).</summary>
    Sent,

    /// <summary>The mapping did not apply (trigger, disabled, change type, event type).</summary>
    Skipped,

    /// <summary>The event could not be turned into a valid request; nothing was sent. Not worth retrying as is.</summary>
    Invalid,

    /// <summary>Sending failed (Klaviyo refused or could not be reached). See <see cref="FailedOutcome.IsTransient"/>.</summary>
    Failed,
}
