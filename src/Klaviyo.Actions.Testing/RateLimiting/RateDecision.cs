namespace Klaviyo.Actions.Testing;

/// <summary>
/// The outcome of one rate-limit check: allowed (with the steady window's <c>RateLimit-*</c> header values) or throttled
/// (with the whole seconds to wait).
/// </summary>
internal readonly record struct RateDecision(bool Allowed, int RetryAfterSeconds, int Limit, int Remaining, int ResetSeconds);
