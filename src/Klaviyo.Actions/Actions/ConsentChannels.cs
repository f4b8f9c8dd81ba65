namespace Klaviyo.Actions;

/// <summary>Channels whose consent a subscribe or unsubscribe call changes.</summary>
[Flags]
public enum ConsentChannels
{
    /// <summary>No channel.</summary>
    None = 0,

    /// <summary>Email marketing (<c>subscriptions.email.marketing</c>).</summary>
    EmailMarketing = 1,

    /// <summary>SMS marketing (<c>subscriptions.sms.marketing</c>).</summary>
    SmsMarketing = 2,

    /// <summary>SMS transactional (<c>subscriptions.sms.transactional</c>).</summary>
    SmsTransactional = 4,
}
