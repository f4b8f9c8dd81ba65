using System.Text.Json;

namespace Klaviyo.Actions.Testing;

/// <summary>A row of a bulk profile import that could not be imported.</summary>
public sealed record EmulatedImportError
{
    /// <summary>The error id.</summary>
    public required string Id { get; init; }

    /// <summary>Zero-based index of the row in the submitted <c>profiles.data</c> array.</summary>
    public int RowIndex { get; init; }

    /// <summary>Error code, for example <c>invalid</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Error title.</summary>
    public required string Title { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Detail { get; init; }

    /// <summary>JSON pointer into the row, for example <c>/data/attributes/phone_number</c>.</summary>
    public required string SourcePointer { get; init; }

    /// <summary>The row as submitted.</summary>
    public JsonElement OriginalPayload { get; init; }
}
