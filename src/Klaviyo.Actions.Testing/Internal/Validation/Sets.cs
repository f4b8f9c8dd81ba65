using System.Collections.Frozen;

namespace Klaviyo.Actions.Testing.Internal.Validation;

/// <summary>Builds the ordinal frozen sets of allowed member names.</summary>
internal static class Sets
{
    public static FrozenSet<string> Of(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
