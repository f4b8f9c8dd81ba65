using Klaviyo.Actions.Testing.Internal.Hosting;
using Klaviyo.Actions.Testing.Internal.State;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Every Klaviyo endpoint the emulator serves: path, method, operation name, rate-limit tier and handler.</summary>
internal static class KlaviyoRoutes
{
    public static IReadOnlyList<EmulatorRoute> Build(EmulatorState state, KlaviyoEmulatorOptions options, string accountId)
    {
        var accounts = new AccountEndpoints(accountId);
        var profiles = new ProfileEndpoints(state);
        var imports = new BulkImportEndpoints(state);
        var events = new EventEndpoints(state, options.DropTestDomainEvents);
        var reads = new EventReadEndpoints(state);
        var subscriptions = new SubscriptionEndpoints(state);
        var lists = new ListEndpoints(state, options.MaxListCreationsPerDay);
        var deletions = new DeletionEndpoints(state);
        const EmulatorRateLimitTier XS = EmulatorRateLimitTier.ExtraSmall;
        const EmulatorRateLimitTier S = EmulatorRateLimitTier.Small;
        const EmulatorRateLimitTier M = EmulatorRateLimitTier.Medium;
        const EmulatorRateLimitTier L = EmulatorRateLimitTier.Large;
        const EmulatorRateLimitTier XL = EmulatorRateLimitTier.ExtraLarge;

        return
        [
            new EmulatorRoute("/api/accounts")
                .On("GET", new("get_accounts", XS, false, accounts.Get)),
            new EmulatorRoute("/api/profiles")
                .On("GET", new("get_profiles", L, false, profiles.Query))
                .On("POST", new("create_profile", L, true, profiles.Create)),
            new EmulatorRoute("/api/profiles/{id}")
                .On("GET", new("get_profile", L, false, profiles.Get))
                .On("PATCH", new("update_profile", L, true, profiles.Update)),
            new EmulatorRoute("/api/profile-import")
                .On("POST", new("create_or_update_profile", L, true, profiles.Import)),
            new EmulatorRoute("/api/profile-bulk-import-jobs")
                .On("POST", new("bulk_import_profiles", M, true, imports.Create)),
            new EmulatorRoute("/api/profile-bulk-import-jobs/{id}")
                .On("GET", new("get_bulk_import_profiles_job", M, false, imports.Get)),
            new EmulatorRoute("/api/profile-bulk-import-jobs/{id}/import-errors")
                .On("GET", new("get_errors_for_bulk_import_profiles_job", M, false, imports.Errors)),
            new EmulatorRoute("/api/events")
                .On("GET", new("get_events", XL, false, reads.Query))
                .On("POST", new("create_event", XL, true, events.Create)),
            new EmulatorRoute("/api/metrics")
                .On("GET", new("get_metrics", M, false, reads.Metrics)),
            new EmulatorRoute("/api/event-bulk-create-jobs")
                .On("POST", new("bulk_create_events", M, true, events.BulkCreate)),
            new EmulatorRoute("/api/profile-subscription-bulk-create-jobs")
                .On("POST", new("bulk_subscribe_profiles", L, true, subscriptions.Subscribe)),
            new EmulatorRoute("/api/profile-subscription-bulk-delete-jobs")
                .On("POST", new("bulk_unsubscribe_profiles", L, true, subscriptions.Unsubscribe)),
            new EmulatorRoute("/api/lists")
                .On("GET", new("get_lists", L, false, lists.Query))
                .On("POST", new("create_list", M, true, lists.Create)),
            new EmulatorRoute("/api/lists/{id}")
                .On("GET", new("get_list", L, false, lists.Get)),
            new EmulatorRoute("/api/lists/{id}/relationships/profiles")
                .On("POST", new("add_profiles_to_list", M, true, lists.AddProfiles))
                .On("DELETE", new("remove_profiles_from_list", M, true, lists.RemoveProfiles)),
            new EmulatorRoute("/api/data-privacy-deletion-jobs")
                .On("POST", new("request_profile_deletion", S, true, deletions.Create)),
        ];
    }
}
