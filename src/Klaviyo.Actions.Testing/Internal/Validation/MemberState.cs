namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>What a JSON member turned out to be when read with <see cref="JsonShape"/>.</summary>
internal enum MemberState
{
    /// <summary>Not present.</summary>
    Absent,

    /// <summary>Present and <c>null</c> (allowed).</summary>
    Null,

    /// <summary>Present with the expected kind.</summary>
    Present,

    /// <summary>Present but wrong (an error was reported).</summary>
    Invalid,
}
