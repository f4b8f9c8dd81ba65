using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A stored profile; mutable and guarded by the <see cref="ProfileStore"/> lock.</summary>
internal sealed class ProfileRecord(string id, long sequence, DateTimeOffset created)
{
    public string Id { get; } = id;

    public long Sequence { get; } = sequence;

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? ExternalId { get; set; }

    public string? AnonymousId { get; set; }

    public string? Kx { get; set; }

    public Dictionary<string, JsonElement> Attributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Location { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, JsonElement> Properties { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; set; } = created;

    public DateTimeOffset? LastEventDate { get; set; }

    public ChannelConsentRecord EmailMarketing { get; } = new();

    public ChannelConsentRecord SmsMarketing { get; } = new();

    public ChannelConsentRecord SmsTransactional { get; } = new();

    public List<EmulatedSuppression> Suppressions { get; } = [];

    public EmulatedProfile ToSnapshot() => new()
    {
        Id = Id,
        Email = Email,
        PhoneNumber = PhoneNumber,
        ExternalId = ExternalId,
        AnonymousId = AnonymousId,
        FirstName = Text("first_name"),
        LastName = Text("last_name"),
        Organization = Text("organization"),
        Title = Text("title"),
        Image = Text("image"),
        Locale = Text("locale"),
        Location = new Dictionary<string, JsonElement>(Location, StringComparer.Ordinal),
        Properties = new Dictionary<string, JsonElement>(Properties, StringComparer.Ordinal),
        Created = Created,
        Updated = Updated,
        LastEventDate = LastEventDate,
        Consent = ConsentSnapshot(),
    };

    public EmulatedConsent ConsentSnapshot() => new()
    {
        EmailMarketing = EmailMarketing.ToSnapshot(),
        SmsMarketing = SmsMarketing.ToSnapshot(),
        SmsTransactional = SmsTransactional.ToSnapshot(),
        Suppressions = Suppressions.Count == 0 ? [] : Suppressions.ToArray(),
    };

    private string? Text(string name) =>
        Attributes.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
