using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@template": "Hello {{traits.name}}"}</c>: replaces placeholders with values of the event (paths
/// without <c>$.</c>). As in Segment, <c>{{x}}</c> HTML-escapes the value (<c>&amp; &lt; &gt; " ' / ` =</c>),
/// <c>{{{x}}}</c> inserts it raw, and a missing or null value becomes an empty string.
/// </summary>
internal sealed partial class TemplateDirective : MappingDirective
{
    /// <inheritdoc />
    public override string Name => "@template";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        string template = ResolveString(argument, payload, path);
        return Resolved.Of(JsonValue.Create(Render(template, payload)));
    }

    /// <summary>Renders a template against a payload.</summary>
    public static string Render(string template, JsonElement payload)
    {
        string raw = TriplePlaceholder().Replace(template, match => Lookup(match.Groups[1].Value, payload, escape: false));
        return DoublePlaceholder().Replace(raw, match => Lookup(match.Groups[1].Value, payload, escape: true));
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems) =>
        ValidateStringOrDirective(argument, path, problems);

    private static string Lookup(string placeholder, JsonElement payload, bool escape)
    {
        if (!SegmentPath.TryGet(payload, placeholder.Trim(), out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        string text = JsonNodes.JsString(JsonNodes.FromElement(value));
        return escape && value.ValueKind == JsonValueKind.String ? EscapeHtml(text) : text;
    }

    private static string EscapeHtml(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '/' => "&#x2F;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{\{([^}]+)\}\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TriplePlaceholder();

    [GeneratedRegex(@"\{\{([^}]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DoublePlaceholder();
}
