namespace Klaviyo.Actions.Api.Documents;

/// <summary>JSON:API <c>type</c> values of the resources this library sends and reads.</summary>
internal static class ResourceTypes
{
    public const string Profile = "profile";
    public const string List = "list";
    public const string Event = "event";
    public const string Metric = "metric";
    public const string ProfileSubscriptionBulkCreateJob = "profile-subscription-bulk-create-job";
    public const string ProfileSubscriptionBulkDeleteJob = "profile-subscription-bulk-delete-job";
    public const string DataPrivacyDeletionJob = "data-privacy-deletion-job";
    public const string ProfileBulkImportJob = "profile-bulk-import-job";
    public const string EventBulkCreateJob = "event-bulk-create-job";
    public const string EventBulkCreate = "event-bulk-create";
}
