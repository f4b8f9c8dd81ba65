using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.WebSample.Ingestion;

/// <summary>Short reasons for logs and stats that name fields, rules and statuses but never values (no emails or phone numbers).</summary>
internal static class OutcomeReasons
{
    public static string Describe(InvalidOutcome invalid) =>
        string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Rule}"));

    public static string Describe(FailedOutcome failed) =>
        failed.Message + (failed.IsTransient ? " (transient)" : string.Empty);
}
