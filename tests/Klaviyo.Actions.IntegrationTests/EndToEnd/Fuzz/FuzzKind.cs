namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>What a generated input is: a valid event, or one kind of malformed input.</summary>
internal enum FuzzKind
{
    /// <summary>A well-formed identify, track, Order Completed or page event.</summary>
    Valid,

    /// <summary>A valid event cut off mid-text.</summary>
    Truncated,

    /// <summary>An object naming a property twice, at the top or nested.</summary>
    DuplicateKey,

    /// <summary>An escaped lone surrogate in a value, a key or the event name (an emoji cut in half).</summary>
    LoneSurrogate,

    /// <summary>Properties nested deeper than <c>SegmentEvent.MaxDepth</c>.</summary>
    TooDeep,

    /// <summary>A spec field (type, event, ids, timestamp, traits, properties, context, integrations) of the wrong JSON type.</summary>
    WrongType,

    /// <summary>Numbers JSON allows but doubles cannot hold (<c>1e999</c>) or integers past 64 bits.</summary>
    HugeNumber,

    /// <summary><c>"NaN"</c>/<c>"Infinity"</c> strings where numbers belong, or a bare <c>NaN</c> token (not JSON).</summary>
    NanLike,

    /// <summary>An empty or whitespace-only line.</summary>
    Blank,

    /// <summary>JSON that is not an object (number, string, array, null, boolean).</summary>
    NonObject,

    /// <summary>Random characters, control characters and Latin-1 bytes.</summary>
    Garbage,

    /// <summary>A property holding 20–150 thousand characters (some over Klaviyo's 100 KB string limit).</summary>
    LongString,

    /// <summary>Property names that are email addresses or phone numbers (personal data in a key).</summary>
    EmailKey,

    /// <summary>Events without any identifier a mapping can use.</summary>
    MissingIdentifiers,

    /// <summary>A timestamp that is not an ISO 8601 date-time.</summary>
    InvalidTimestamp,
}
