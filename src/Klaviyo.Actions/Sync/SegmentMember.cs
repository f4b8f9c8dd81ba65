namespace Klaviyo.Actions.Sync;

/// <summary>
/// One member of a segment as handed to <see cref="KlaviyoListSync"/> after a recompute: the user id plus the
/// identifiers known for it.
/// </summary>
/// <remarks>
/// <para>
/// The member's Klaviyo identity follows the seed's rule "the user id (email or ID) is upserted as a profile":
/// a user id that is an email address is the profile's email unless an <see cref="Email"/> trait is given;
/// any other user id is the profile's <c>external_id</c> unless an <see cref="ExternalId"/> is given.
/// Emails are compared and sent trimmed and lower-cased (Klaviyo matches emails without regard to case).
/// </para>
/// <para>
/// A member without an email is synced by external id (and phone, when known) and reported as
/// <em>not personalisable</em>: Klaviyo needs an email for full personalisation. An identify event seen later
/// can link an email to the user id with <see cref="KlaviyoListSync.LinkIdentityAsync"/>.
/// </para>
/// <para><see cref="ToString"/> masks personal data.</para>
/// </remarks>
public sealed record SegmentMember
{
    /// <summary>The longest user id accepted, in characters.</summary>
    public const int MaxUserIdLength = 512;

    private readonly string? _email;
    private readonly string? _phoneNumber;
    private readonly string? _externalId;

    /// <summary>Creates a member.</summary>
    /// <param name="userId">The segment's user id (an email or any other id); not empty, at most <see cref="MaxUserIdLength"/> characters.</param>
    /// <param name="email">The email trait, when known.</param>
    /// <param name="phoneNumber">The phone number trait (E.164 preferred), when known.</param>
    /// <param name="externalId">The external id, when it differs from the user id.</param>
    /// <exception cref="ArgumentException">The user id is empty, blank or too long.</exception>
    public SegmentMember(string userId, string? email = null, string? phoneNumber = null, string? externalId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"The user id is {userId.Length} characters long; at most {MaxUserIdLength} are allowed.", nameof(userId));
        }

        UserId = userId;
        Email = email;
        PhoneNumber = phoneNumber;
        ExternalId = externalId;
    }

    /// <summary>The segment's user id: the key the sync state is kept under. Compared case-sensitively.</summary>
    public string UserId { get; }

    /// <summary>The email trait, when known (blank counts as unknown).</summary>
    public string? Email { get => _email; init => _email = Blank(value); }

    /// <summary>The phone number trait, when known (blank counts as unknown).</summary>
    public string? PhoneNumber { get => _phoneNumber; init => _phoneNumber = Blank(value); }

    /// <summary>The external id, when known (blank counts as unknown).</summary>
    public string? ExternalId { get => _externalId; init => _externalId = Blank(value); }

    /// <summary>The email the profile is synced with: <see cref="Email"/>, else the user id when it is an email; trimmed and lower-cased.</summary>
    public string? EffectiveEmail => NormalizeEmail(Email) ?? (EmailAddress.LooksLikeEmail(UserId) ? NormalizeEmail(UserId) : null);

    /// <summary>The external id the profile is synced with: <see cref="ExternalId"/>, else the user id when it is not an email.</summary>
    public string? EffectiveExternalId => ExternalId ?? (EmailAddress.LooksLikeEmail(UserId) ? null : UserId);

    /// <summary>Whether the profile will carry an email (Klaviyo needs one for full personalisation).</summary>
    public bool IsPersonalisable => EffectiveEmail is not null;

    /// <summary>
    /// The member with its identifiers resolved as they are sent to Klaviyo and stored in the sync state:
    /// <see cref="Email"/> = <see cref="EffectiveEmail"/>, <see cref="ExternalId"/> = <see cref="EffectiveExternalId"/>,
    /// phone trimmed. Resolving twice changes nothing.
    /// </summary>
    public SegmentMember Resolve() => new(UserId, EffectiveEmail, PhoneNumber?.Trim(), EffectiveExternalId);

    /// <inheritdoc />
    public override string ToString() =>
        $"SegmentMember {{ UserId = {(EmailAddress.LooksLikeEmail(UserId) ? Redaction.MaskEmail(UserId) : UserId)}, "
        + $"Email = {(Email is null ? "null" : Redaction.MaskEmail(Email))}, "
        + $"PhoneNumber = {(PhoneNumber is null ? "null" : Redaction.MaskPhone(PhoneNumber))}, "
        + $"ExternalId = {ExternalId ?? "null"} }}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
