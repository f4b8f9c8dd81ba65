namespace Klaviyo.Actions.Testing;

/// <summary>A data-privacy deletion request the emulator carried out.</summary>
/// <param name="RequestedAt">When it was received.</param>
/// <param name="IdentifierType">Which identifier was given: <c>id</c>, <c>email</c> or <c>phone_number</c>.</param>
/// <param name="Identifier">The identifier value.</param>
/// <param name="DeletedProfileIds">Profiles deleted (empty when nothing matched; Klaviyo still answers 202).</param>
public sealed record EmulatedDeletionRequest(
    DateTimeOffset RequestedAt,
    string IdentifierType,
    string Identifier,
    IReadOnlyList<string> DeletedProfileIds);
