namespace Klaviyo.Actions.Mapping;

/// <summary>
/// Upsert Profile's "Connect to a static list in Klaviyo" mapping hook (Segment's <c>retlOnMappingSave</c>):
/// an existing list (<c>list_identifier</c>, checked once with a read) or a list to use by name
/// (<c>list_name</c>). The hook's list takes precedence over <c>override_list_id</c> and <c>list_id</c>.
/// </summary>
/// <remarks>
/// Segment runs the hook once when the mapping is saved and creates a new list every time. Here it runs on first
/// use per destination instance, and a named list is looked up first and created only when none has that name,
/// so restarting a process never creates duplicates.
/// </remarks>
public sealed record StaticListHook
{
    /// <summary>An existing list id (<c>list_identifier</c>, or a saved hook output <c>id</c>).</summary>
    public string? ListId { get; init; }

    /// <summary>The name of the list to use or create (<c>list_name</c>).</summary>
    public string? ListName { get; init; }

    /// <summary>Connect to an existing list.</summary>
    /// <param name="listId">The list id.</param>
    public static StaticListHook Existing(string listId) =>
        new() { ListId = string.IsNullOrWhiteSpace(listId) ? throw new ArgumentException("A list id is required.", nameof(listId)) : listId };

    /// <summary>Connect to the list with this name, creating it when none exists.</summary>
    /// <param name="listName">The list name.</param>
    public static StaticListHook Named(string listName) =>
        new() { ListName = string.IsNullOrWhiteSpace(listName) ? throw new ArgumentException("A list name is required.", nameof(listName)) : listName };
}
