namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A string attribute in a write: absent (leave as is), <c>null</c> (clear) or a value.</summary>
internal readonly struct FieldPatch
{
    public FieldPatch(string? value)
    {
        IsPresent = true;
        Value = value;
    }

    public bool IsPresent { get; }

    public string? Value { get; }

    public bool HasValue => IsPresent && Value is not null;
}
