using System.Text.Json.Serialization;
using Klaviyo.Actions.Api.Documents;
using Klaviyo.Actions.Api.Json;

namespace Klaviyo.Actions.Api;

/// <summary>
/// The one source-generated JSON context for every wire document (AOT- and trim-safe; no reflection).
/// Names come from explicit <see cref="JsonPropertyNameAttribute"/>s because Klaviyo mixes snake_case
/// attributes with hyphenated keys (<c>events-bulk-create</c>). Null members are omitted; absent
/// <see cref="Optional{T}"/> members are omitted per property (<see cref="JsonIgnoreCondition.WhenWritingDefault"/>)
/// and present ones are written by non-generic converters named on each property
/// (<see cref="OptionalStringConverter"/>, <see cref="OptionalLocationConverter"/>), so the generator never emits a
/// fast path that would write <see cref="Optional{T}"/> as an object.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProfileDocument))]
[JsonSerializable(typeof(ProfileResource))]
[JsonSerializable(typeof(LocationAttributes))]
[JsonSerializable(typeof(ProfileResponse))]
[JsonSerializable(typeof(ProfileCollectionResponse))]
[JsonSerializable(typeof(EventDocument))]
[JsonSerializable(typeof(EventResource))]
[JsonSerializable(typeof(EventProfileData))]
[JsonSerializable(typeof(SubscriptionJobDocument))]
[JsonSerializable(typeof(SubscriptionBulkJobDocument))]
[JsonSerializable(typeof(SubscriptionProfile))]
[JsonSerializable(typeof(ResourceIdentifier))]
[JsonSerializable(typeof(FragmentList))]
[JsonSerializable(typeof(DataPrivacyDeletionJobDocument))]
[JsonSerializable(typeof(ResourceIdentifierList))]
[JsonSerializable(typeof(ListCreateDocument))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(ListCollectionResponse))]
[JsonSerializable(typeof(AccountCollectionResponse))]
[JsonSerializable(typeof(ProfileBulkImportJobDocument))]
[JsonSerializable(typeof(ProfileBulkImportJobResponse))]
[JsonSerializable(typeof(ImportErrorsPage))]
[JsonSerializable(typeof(EventBulkCreateJobDocument))]
[JsonSerializable(typeof(EventBulkCreateEntry))]
[JsonSerializable(typeof(ProfileReadCollectionResponse))]
[JsonSerializable(typeof(ProfileReadAttributes))]
[JsonSerializable(typeof(EventReadCollectionResponse))]
[JsonSerializable(typeof(MetricCollectionResponse))]
[JsonSerializable(typeof(MetricReadAttributes))]
internal sealed partial class KlaviyoJsonContext : JsonSerializerContext;
