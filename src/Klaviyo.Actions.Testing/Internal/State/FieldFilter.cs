namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>A parsed <c>equals(field,"v")</c> or <c>any(field,["a","b"])</c> filter: the field and the accepted values.</summary>
internal sealed record FieldFilter(string Field, IReadOnlyList<string> Values);
