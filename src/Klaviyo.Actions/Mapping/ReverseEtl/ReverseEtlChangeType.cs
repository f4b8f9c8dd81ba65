namespace Klaviyo.Actions.Mapping;

/// <summary>How a warehouse record changed since the last Reverse ETL sync.</summary>
public enum ReverseEtlChangeType
{
    /// <summary>A new record (Segment: "added" / new records).</summary>
    Added,

    /// <summary>A changed record (Segment: "updated").</summary>
    Updated,

    /// <summary>A record no longer returned by the model (Segment: "deleted").</summary>
    Deleted,
}
