namespace Klaviyo.Actions.ConsoleApp.Commands;

/// <summary>What <c>sync-list</c> was asked to do.</summary>
internal sealed record SyncListSettings(
    string Segment, string Members, string? List, string? State, string? ApiKey, string? BaseUrl, bool RateLimits, bool TakeOver);
