using Microsoft.Extensions.Time.Testing;

namespace Klaviyo.Actions.Tests.Validation;

/// <summary>A fixed clock for the time-window rules.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create() => new(Now);
}
