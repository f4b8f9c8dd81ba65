namespace Klaviyo.Actions.Testing;

/// <summary>Status of a bulk profile import job.</summary>
public enum EmulatedImportJobStatus
{
    /// <summary><c>queued</c>.</summary>
    Queued,

    /// <summary><c>processing</c>.</summary>
    Processing,

    /// <summary><c>complete</c>: its profiles are written and its import errors are known.</summary>
    Complete,
}
