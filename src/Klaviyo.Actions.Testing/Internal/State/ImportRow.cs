using System.Text.Json;

namespace Klaviyo.Actions.Testing.Internal.State;

/// <summary>One accepted row of a bulk profile import, kept until the job runs.</summary>
internal sealed record ImportRow(int Index, string? Id, ProfileWrite Write, JsonElement Original);
