using System.Text.Json;
using Klaviyo.Actions.Testing.Internal.Hosting;

namespace Klaviyo.Actions.Testing.Internal.Endpoints;

/// <summary>Writes a collection's <c>links {self, next, prev}</c>.</summary>
internal static class CollectionLinks
{
    public static void Write(Utf8JsonWriter writer, EmulatorRequest request, string? nextCursor)
    {
        writer.WriteStartObject("links");
        writer.WriteString("self", PageLinks.Self(request));
        if (nextCursor is null)
        {
            writer.WriteNull("next");
        }
        else
        {
            writer.WriteString("next", PageLinks.WithCursor(request, nextCursor));
        }

        writer.WriteNull("prev");
        writer.WriteEndObject();
    }
}
