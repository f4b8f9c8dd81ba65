namespace Klaviyo.Actions.Mapping;

/// <summary>The Segment spec call types.</summary>
public enum SegmentEventType
{
    /// <summary><c>identify</c>: who the user is (<c>traits</c>).</summary>
    Identify,

    /// <summary><c>track</c>: something the user did (<c>event</c>, <c>properties</c>).</summary>
    Track,

    /// <summary><c>page</c>: a web page view (<c>name</c>, <c>properties</c>).</summary>
    Page,

    /// <summary><c>screen</c>: a mobile screen view (<c>name</c>, <c>properties</c>).</summary>
    Screen,

    /// <summary><c>group</c>: the user's company or account (<c>groupId</c>, <c>traits</c>).</summary>
    Group,

    /// <summary><c>alias</c>: merges two identities (<c>previousId</c>, <c>userId</c>).</summary>
    Alias,
}
