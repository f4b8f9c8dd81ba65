namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>How a profile write ended.</summary>
internal enum ProfileWriteStatus
{
    Created,
    Updated,
    Duplicate,
    NotFound,
}
