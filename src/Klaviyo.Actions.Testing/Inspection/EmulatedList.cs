namespace Klaviyo.Actions.Testing;

/// <summary>A snapshot of one list and its members.</summary>
public sealed record EmulatedList
{
    /// <summary>The list id (6 characters, like Klaviyo's).</summary>
    public required string Id { get; init; }

    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary><c>single_opt_in</c> or <c>double_opt_in</c>.</summary>
    public required string OptInProcess { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset Updated { get; init; }

    /// <summary>Member profile ids, in the order they were added.</summary>
    public IReadOnlyList<string> ProfileIds { get; init; } = [];
}
