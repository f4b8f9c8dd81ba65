namespace Klaviyo.Actions;

/// <summary>The outcome of <see cref="IKlaviyoClient.UpsertProfileAsync"/>.</summary>
/// <param name="ProfileId">The Klaviyo id of the created or updated profile.</param>
/// <param name="Created">Whether Klaviyo created a new profile (201) rather than updating one (200).</param>
/// <param name="ResolvedDuplicate">
/// Whether Klaviyo answered 409 <c>duplicate_profile</c> and the profile named by
/// <c>meta.duplicate_profile_id</c> was updated instead.
/// </param>
/// <param name="ListId">The list the profile was added to, if any.</param>
public sealed record UpsertProfileResult(string ProfileId, bool Created, bool ResolvedDuplicate, string? ListId);

/// <summary>The outcome of <see cref="IKlaviyoClient.TrackEventAsync"/>: Klaviyo accepted the event (202).</summary>
/// <param name="UniqueId">The <c>unique_id</c> sent: the caller's or the derived one.</param>
public sealed record TrackEventResult(string UniqueId);

/// <summary>The outcome of <see cref="IKlaviyoClient.TrackOrderCompletedAsync"/>.</summary>
/// <param name="OrderUniqueId">The order event's <c>unique_id</c>.</param>
/// <param name="ProductUniqueIds">Each product event's <c>unique_id</c>, in product order.</param>
public sealed record OrderCompletedResult(string OrderUniqueId, IReadOnlyList<string> ProductUniqueIds);

/// <summary>The outcome of a list membership change.</summary>
/// <param name="ListId">The list.</param>
/// <param name="ProfileIds">The Klaviyo profile ids added or removed (empty when no profile matched).</param>
public sealed record ListMembershipResult(string ListId, IReadOnlyList<string> ProfileIds);

/// <summary>A Klaviyo list.</summary>
/// <param name="Id">The list id (6 characters, case-sensitive).</param>
/// <param name="Name">The list name.</param>
/// <param name="OptInProcess">The list's opt-in process (<c>single_opt_in</c> / <c>double_opt_in</c>), when known.</param>
public sealed record KlaviyoList(string Id, string Name, string? OptInProcess = null);

/// <summary>The Klaviyo account a private key belongs to.</summary>
/// <param name="Id">The account id.</param>
/// <param name="OrganizationName">The organization name, when set.</param>
/// <param name="TestAccount">Whether it is a test account.</param>
/// <param name="Timezone">The account's time zone, when set.</param>
/// <param name="PreferredCurrency">The account's preferred currency, when set.</param>
public sealed record KlaviyoAccount(string Id, string? OrganizationName, bool TestAccount, string? Timezone, string? PreferredCurrency);
