namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>The indexed profile identifiers, in the order identity resolution tries them.</summary>
internal enum IdentifierKind
{
    Email,
    PhoneNumber,
    ExternalId,
    AnonymousId,
}
