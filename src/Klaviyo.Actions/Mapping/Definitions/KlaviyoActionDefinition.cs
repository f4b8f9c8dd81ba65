using System.Text.Json;
using Klaviyo.Actions.Mapping.Binding;
using Klaviyo.Actions.Mapping.Kit.Compiled;

namespace Klaviyo.Actions.Mapping;

/// <summary>
/// One Klaviyo (Actions) action: its Segment slug, default trigger and default field mapping, batching
/// parameters and the Reverse ETL change types it supports.
/// </summary>
public sealed class KlaviyoActionDefinition
{
    internal KlaviyoActionDefinition(
        string slug,
        string title,
        string defaultTrigger,
        string segmentDefaultTrigger,
        string defaultMappingJson,
        ActionBinder binder,
        BatchSizeRange? batchSize,
        IReadOnlyList<ReverseEtlChangeType> reverseEtlChangeTypes,
        IReadOnlyList<ReverseEtlChangeType> defaultReverseEtlChangeTypes)
    {
        Slug = slug;
        Title = title;
        DefaultTrigger = Trigger.Parse(defaultTrigger);
        SegmentDefaultTrigger = segmentDefaultTrigger;
        using (var document = JsonDocument.Parse(defaultMappingJson))
        {
            DefaultMapping = document.RootElement.Clone();
        }

        CompiledDefaultMapping = CompiledMapping.Compile(DefaultMapping);

        Binder = binder;
        BatchSize = batchSize;
        ReverseEtlChangeTypes = reverseEtlChangeTypes;
        DefaultReverseEtlChangeTypes = defaultReverseEtlChangeTypes;
    }

    private KlaviyoActionDefinition(KlaviyoActionDefinition source, ActionBinder binder)
    {
        Slug = source.Slug;
        Title = source.Title;
        DefaultTrigger = source.DefaultTrigger;
        SegmentDefaultTrigger = source.SegmentDefaultTrigger;
        DefaultMapping = source.DefaultMapping;
        CompiledDefaultMapping = source.CompiledDefaultMapping;
        Binder = binder;
        BatchSize = source.BatchSize;
        ReverseEtlChangeTypes = source.ReverseEtlChangeTypes;
        DefaultReverseEtlChangeTypes = source.DefaultReverseEtlChangeTypes;
    }

    /// <summary>Segment's action slug, e.g. <c>upsertProfile</c>.</summary>
    public string Slug { get; }

    /// <summary>Segment's title, e.g. "Upsert Profile".</summary>
    public string Title { get; }

    /// <summary>The trigger used when a mapping gives none.</summary>
    public Trigger DefaultTrigger { get; }

    /// <summary>Segment's own default trigger, when it differs from <see cref="DefaultTrigger"/> (see remarks of the catalog).</summary>
    public string SegmentDefaultTrigger { get; }

    /// <summary>Whether <see cref="DefaultTrigger"/> deliberately differs from Segment's.</summary>
    public bool DefaultTriggerDiffersFromSegment => DefaultTrigger.Expression != SegmentDefaultTrigger;

    /// <summary>The default field mapping (what Segment's mapping editor pre-fills, with any documented fixes).</summary>
    public JsonElement DefaultMapping { get; }

    /// <summary>Whether the action can be batched (<c>enable_batching</c>); Order Completed cannot.</summary>
    public bool SupportsBatching => BatchSize is not null;

    /// <summary>The <c>batch_size</c> default and bounds; <see langword="null"/> without batching.</summary>
    public BatchSizeRange? BatchSize { get; }

    /// <summary>Reverse ETL change types Segment supports for this action (empty: not a Reverse ETL action).</summary>
    public IReadOnlyList<ReverseEtlChangeType> ReverseEtlChangeTypes { get; }

    /// <summary>Change types a Reverse ETL mapping for this action uses when it names none.</summary>
    public IReadOnlyList<ReverseEtlChangeType> DefaultReverseEtlChangeTypes { get; }

    /// <summary>The field binder.</summary>
    internal ActionBinder Binder { get; }

    /// <summary><see cref="DefaultMapping"/> compiled once.</summary>
    internal CompiledMapping CompiledDefaultMapping { get; }

    /// <summary>The same action with another binder (Upsert Profile's marking binder).</summary>
    internal KlaviyoActionDefinition WithBinder(ActionBinder binder) => new(this, binder);

    /// <inheritdoc />
    public override string ToString() => Slug;
}
