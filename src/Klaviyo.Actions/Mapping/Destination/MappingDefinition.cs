using System.Text.Json;
using Klaviyo.Actions.Mapping.Binding;
using Klaviyo.Actions.Mapping.Kit.Compiled;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// One mapping of a destination: which action, when it fires (a trigger for events, change types for
/// Reverse ETL records), whether it is enabled, and the field mapping (mapping-kit JSON with Segment's field keys).
/// </summary>
public sealed class MappingDefinition
{
    private MappingDefinition(
        string name,
        KlaviyoActionDefinition action,
        Trigger? trigger,
        IReadOnlyList<ReverseEtlChangeType>? changeTypes,
        JsonElement mapping,
        bool enabled,
        StaticListHook? listHook)
    {
        Name = name;
        Action = action;
        Trigger = trigger;
        ChangeTypes = changeTypes;
        Mapping = mapping;
        Compiled = CompiledMapping.Compile(mapping);
        Enabled = enabled;
        ListHook = listHook;
        DisabledOutcome = new SkippedOutcome(name, action.Slug, SkipReason.Disabled);
        TriggerNotMatchedOutcome = new SkippedOutcome(name, action.Slug, SkipReason.TriggerNotMatched);
        ChangeTypeNotMappedOutcome = new SkippedOutcome(name, action.Slug, SkipReason.ChangeTypeNotMapped);
        ReadsAudienceList = mapping.ValueKind == JsonValueKind.Object &&
            mapping.TryGetProperty("list_id", out var listId) &&
            listId.GetRawText().Contains("personas", StringComparison.Ordinal);
    }

    /// <summary>The mapping's name (used in outcomes).</summary>
    public string Name { get; }

    /// <summary>The action.</summary>
    public KlaviyoActionDefinition Action { get; }

    /// <summary>When the mapping fires for Segment events; <see langword="null"/> for a Reverse ETL mapping.</summary>
    public Trigger? Trigger { get; }

    /// <summary>The Reverse ETL change types handled; <see langword="null"/> for an event mapping.</summary>
    public IReadOnlyList<ReverseEtlChangeType>? ChangeTypes { get; }

    /// <summary>Whether this mapping handles Reverse ETL records rather than events.</summary>
    public bool IsReverseEtl => ChangeTypes is not null;

    /// <summary>The effective field mapping (defaults applied as configured).</summary>
    public JsonElement Mapping { get; }

    /// <summary>Whether the mapping is enabled.</summary>
    public bool Enabled { get; }

    /// <summary><see cref="Mapping"/> compiled once for every event it maps.</summary>
    internal CompiledMapping Compiled { get; }

    // Skipped outcomes carry nothing per event (name, action, reason), so every skip of this mapping shares one.

    /// <summary>The outcome of every event this mapping skips because it is disabled.</summary>
    internal SkippedOutcome DisabledOutcome { get; }

    /// <summary>The outcome of every event this mapping's trigger does not match.</summary>
    internal SkippedOutcome TriggerNotMatchedOutcome { get; }

    /// <summary>The outcome of every Reverse ETL record whose change type this mapping does not handle.</summary>
    internal SkippedOutcome ChangeTypeNotMappedOutcome { get; }

    /// <summary>
    /// Whether <c>list_id</c> comes from <c>context.personas</c> (as the defaults do), so an Engage audience's list
    /// must be resolved first; decided once, not per event.
    /// </summary>
    internal bool ReadsAudienceList { get; }

    /// <summary>The "connect to a static list" hook (Upsert Profile), if any.</summary>
    public StaticListHook? ListHook { get; }

    /// <summary>Creates an event mapping.</summary>
    /// <param name="actionSlug">The action, e.g. <c>upsertProfile</c>.</param>
    /// <param name="name">The name; the action's title when <see langword="null"/>.</param>
    /// <param name="trigger">The trigger (FQL); the action's default when <see langword="null"/>.</param>
    /// <param name="mapping">The field mapping; the action's defaults when <see langword="null"/>.</param>
    /// <param name="useDefaults">Lay <paramref name="mapping"/> over the defaults instead of using it as given.</param>
    /// <param name="enabled">Whether the mapping is enabled.</param>
    /// <param name="listHook">Upsert Profile's "connect to a static list" hook.</param>
    /// <exception cref="ArgumentException">Unknown action, or a hook on another action than Upsert Profile.</exception>
    /// <exception cref="TriggerSyntaxException">The trigger is not valid.</exception>
    public static MappingDefinition ForEvents(
        string actionSlug,
        string? name = null,
        string? trigger = null,
        JsonElement? mapping = null,
        bool useDefaults = false,
        bool enabled = true,
        StaticListHook? listHook = null)
    {
        var action = KlaviyoActionCatalog.Get(actionSlug);
        CheckHook(action, listHook);
        var parsed = trigger is null ? action.DefaultTrigger : Trigger.Parse(trigger);
        return new MappingDefinition(name ?? action.Title, action, parsed, null, Effective(action, mapping, useDefaults), enabled, listHook);
    }

    /// <summary>Creates a Reverse ETL mapping.</summary>
    /// <param name="actionSlug">The action, e.g. <c>upsertProfile</c>.</param>
    /// <param name="changeTypes">The change types handled; the action's defaults when <see langword="null"/>
    /// (Upsert Profile: added, updated; Track Event, Order Completed, Subscribe: added; Remove Profile,
    /// Unsubscribe: deleted).</param>
    /// <param name="name">The name; the action's title when <see langword="null"/>.</param>
    /// <param name="mapping">The field mapping; the action's defaults when <see langword="null"/>.</param>
    /// <param name="useDefaults">Lay <paramref name="mapping"/> over the defaults instead of using it as given.</param>
    /// <param name="enabled">Whether the mapping is enabled.</param>
    /// <param name="listHook">Upsert Profile's "connect to a static list" hook.</param>
    /// <exception cref="ArgumentException">Unknown action, an action or change type Segment's Reverse ETL table
    /// does not support, or a hook on another action than Upsert Profile.</exception>
    public static MappingDefinition ForReverseEtl(
        string actionSlug,
        IEnumerable<ReverseEtlChangeType>? changeTypes = null,
        string? name = null,
        JsonElement? mapping = null,
        bool useDefaults = false,
        bool enabled = true,
        StaticListHook? listHook = null)
    {
        var action = KlaviyoActionCatalog.Get(actionSlug);
        CheckHook(action, listHook);
        if (action.ReverseEtlChangeTypes.Count == 0)
        {
            throw new ArgumentException($"{action.Slug} is not a Reverse ETL action in Segment's table.", nameof(actionSlug));
        }

        var types = (changeTypes ?? action.DefaultReverseEtlChangeTypes).Distinct().ToList();
        var unsupported = types.Where(t => !action.ReverseEtlChangeTypes.Contains(t)).ToList();
        if (unsupported.Count > 0 || types.Count == 0)
        {
            throw new ArgumentException(
                $"{action.Slug} supports Reverse ETL change types {string.Join(", ", action.ReverseEtlChangeTypes)}; not {(types.Count == 0 ? "none" : string.Join(", ", unsupported))}.",
                nameof(changeTypes));
        }

        return new MappingDefinition(name ?? action.Title, action, null, types, Effective(action, mapping, useDefaults), enabled, listHook);
    }

    /// <summary>
    /// This mapping with Upsert Profile's binder adding <see cref="KlaviyoProfileMarker"/> to the profile's properties
    /// (<see cref="DestinationSettings.MarkWrittenProfiles"/>); other actions are returned as they are.
    /// </summary>
    internal MappingDefinition WithProfileMarker() =>
        Action.Binder is UpsertProfileBinder { MarksProfiles: false }
            ? new MappingDefinition(Name, Action.WithBinder(UpsertProfileBinder.Marking), Trigger, ChangeTypes, Mapping, Enabled, ListHook)
            : this;

    /// <summary>Checks the field mapping's structure (unknown directives, mixed keys, argument shapes).</summary>
    public IReadOnlyList<MappingProblem> Validate() => MappingKit.Validate(Mapping);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} ({Action.Slug}, {(IsReverseEtl ? "reverse ETL " + string.Join("/", ChangeTypes!) : "trigger " + Trigger)}{(Enabled ? string.Empty : ", disabled")})";

    private static JsonElement Effective(KlaviyoActionDefinition action, JsonElement? mapping, bool useDefaults)
    {
        if (mapping is not { } given || given.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return action.DefaultMapping;
        }

        return useDefaults ? MappingMerge.Merge(action, action.DefaultMapping, given) : given.Clone();
    }

    private static void CheckHook(KlaviyoActionDefinition action, StaticListHook? hook)
    {
        if (hook is null)
        {
            return;
        }

        if (action.Slug != KlaviyoActionSlugs.UpsertProfile)
        {
            throw new ArgumentException("The \"connect to a static list\" hook exists only on upsertProfile.", nameof(hook));
        }

        if (string.IsNullOrWhiteSpace(hook.ListId) == string.IsNullOrWhiteSpace(hook.ListName))
        {
            throw new ArgumentException("The \"connect to a static list\" hook needs either a list id or a list name.", nameof(hook));
        }
    }
}
