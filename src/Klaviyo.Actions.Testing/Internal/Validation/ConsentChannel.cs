namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>The consent channels the emulator keeps state for.</summary>
internal enum ConsentChannel
{
    EmailMarketing,
    SmsMarketing,
    SmsTransactional,
}
