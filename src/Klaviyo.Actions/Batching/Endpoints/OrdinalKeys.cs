namespace Klaviyo.Actions.Batching;

/// <summary>Whether a dictionary looks keys up ordinally (so a view over it keeps ordinal merge semantics).</summary>
internal static class OrdinalKeys
{
    /// <summary>Whether <paramref name="dictionary"/>'s comparer is ordinal.</summary>
    public static bool Of(Dictionary<string, object?> dictionary) =>
        ReferenceEquals(dictionary.Comparer, StringComparer.Ordinal) || ReferenceEquals(dictionary.Comparer, EqualityComparer<string>.Default);
}
