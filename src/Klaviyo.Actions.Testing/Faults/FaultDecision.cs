namespace Klaviyo.Actions.Testing;

/// <summary>The outcome of <see cref="KlaviyoEmulatorFaults.Decide"/>: a fault (or none) and the latency to add.</summary>
internal readonly record struct FaultDecision(EmulatorFaultKind? Kind, TimeSpan Latency, int StatusCode, TimeSpan RetryAfter);
