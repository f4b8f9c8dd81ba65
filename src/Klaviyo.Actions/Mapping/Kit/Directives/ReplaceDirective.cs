using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klaviyo.Actions.Mapping.Json;

namespace Klaviyo.Actions.Mapping.Kit.Directives;

/// <summary>
/// <c>{"@replace": {"pattern": "-", "replacement": "", "value": ..., "ignorecase": false, "global": true,
/// "pattern2": ..., "replacement2": ...}}</c>: literal (not regular-expression) text replacement; patterns and
/// replacements are at most 10 characters, as in Segment. Numbers and booleans are replaced in their text form;
/// any other value gives <c>""</c>.
/// </summary>
internal sealed class ReplaceDirective : MappingDirective
{
    /// <summary>Segment's limit on <c>pattern</c> and <c>replacement</c> lengths.</summary>
    public const int MaxLength = 10;

    /// <inheritdoc />
    public override string Name => "@replace";

    /// <inheritdoc />
    public override Resolved Resolve(JsonElement argument, JsonElement payload, string path)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            throw Error(path, "@replace requires an object with a \"pattern\" key");
        }

        if (!TryGetOption(argument, "pattern", out var pattern) || !JsonNodes.IsTruthy(pattern))
        {
            throw Error(path, "@replace requires a \"pattern\" key");
        }

        string? replacement = ReadText(argument, "replacement", string.Empty);
        bool ignoreCase = ReadFlag(argument, "ignorecase", false);
        bool global = ReadFlag(argument, "global", true);

        if (!TryGetOption(argument, "value", out var valueMapping) || !JsonNodes.IsTruthy(valueMapping))
        {
            return Resolved.Undefined;
        }

        var value = MappingEvaluator.Resolve(valueMapping, payload, path);
        string? text = JsonNodes.KindOf(value.Value) switch
        {
            JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => JsonNodes.JsString(value.Value),
            _ => null,
        };

        if (text is null || pattern.ValueKind != JsonValueKind.String || replacement is null)
        {
            return Resolved.Of(JsonValue.Create(string.Empty));
        }

        string result = Replace(text, pattern.GetString()!, replacement, ignoreCase, global, path);
        if (TryGetOption(argument, "pattern2", out var pattern2) && pattern2.ValueKind == JsonValueKind.String && pattern2.GetString()!.Length > 0)
        {
            string? replacement2 = ReadText(argument, "replacement2", string.Empty);
            if (replacement2 is not null)
            {
                result = Replace(result, pattern2.GetString()!, replacement2, ignoreCase, global, path);
            }
        }

        return Resolved.Of(JsonValue.Create(result));
    }

    /// <inheritdoc />
    public override void Validate(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (!ValidateObjectArgument(argument, path, problems))
        {
            return;
        }

        if (!TryGetOption(argument, "pattern", out var pattern))
        {
            problems.Add(new MappingProblem(path, "should have field \"pattern\" but it doesn't"));
        }
        else if (pattern.ValueKind != JsonValueKind.String || pattern.GetString()!.Length is < 1 or > MaxLength)
        {
            problems.Add(new MappingProblem(path + "/pattern", $"should be a string of 1 to {MaxLength} characters"));
        }

        if (TryGetOption(argument, "replacement", out var replacement) &&
            (replacement.ValueKind != JsonValueKind.String || replacement.GetString()!.Length > MaxLength))
        {
            problems.Add(new MappingProblem(path + "/replacement", $"should be a string of {MaxLength} characters or less"));
        }

        if (!TryGetOption(argument, "value", out var value))
        {
            problems.Add(new MappingProblem(path, "should have field \"value\" but it doesn't"));
        }
        else
        {
            ValidateStringOrDirective(value, path + "/value", problems);
        }

        foreach (string flag in new[] { "ignorecase", "global" })
        {
            if (TryGetOption(argument, flag, out var f) && f.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(new MappingProblem(path + "/" + flag, $"should be a boolean but it is {MappingEvaluator.Article(f)}"));
            }
        }
    }

    private string Replace(string value, string pattern, string replacement, bool ignoreCase, bool global, string path)
    {
        if (pattern.Length > MaxLength)
        {
            throw Error(path, $"@replace requires a \"pattern\" less than {MaxLength} characters");
        }

        if (replacement.Length > MaxLength)
        {
            throw Error(path, $"@replace requires a \"replacement\" less than {MaxLength} characters");
        }

        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var sb = new StringBuilder(value.Length);
        int start = 0;
        while (start <= value.Length)
        {
            int at = value.IndexOf(pattern, start, comparison);
            if (at < 0)
            {
                break;
            }

            sb.Append(value, start, at - start).Append(replacement);
            start = at + pattern.Length;
            if (!global)
            {
                break;
            }
        }

        return sb.Append(value, start, value.Length - start).ToString();
    }

    private static string? ReadText(JsonElement argument, string name, string fallback)
    {
        if (!TryGetOption(argument, name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static bool ReadFlag(JsonElement argument, string name, bool fallback) =>
        TryGetOption(argument, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.ValueKind == JsonValueKind.True
            : fallback;
}
