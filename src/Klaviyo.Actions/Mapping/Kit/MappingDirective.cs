using System.Text.Json;

namespace Klaviyo.Actions.Mapping.Kit;

/// <summary>One mapping-kit directive (<c>@path</c>, <c>@if</c>, ...): how it resolves and how it is checked.</summary>
internal abstract class MappingDirective
{
    /// <summary>The directive key, e.g. <c>@path</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Resolves the directive's argument against the payload.</summary>
    /// <param name="argument">The value under the directive key.</param>
    /// <param name="payload">The event (or item) being mapped.</param>
    /// <param name="path">The mapping field, for error messages.</param>
    public abstract Resolved Resolve(JsonElement argument, JsonElement payload, string path);

    /// <summary>Checks the argument's shape before any event is mapped.</summary>
    /// <param name="argument">The value under the directive key.</param>
    /// <param name="path">The JSON-pointer-like location, e.g. <c>/email/@if</c>.</param>
    /// <param name="problems">Where problems are added.</param>
    public abstract void Validate(JsonElement argument, string path, List<MappingProblem> problems);

    /// <summary>An evaluation error naming this directive.</summary>
    protected MappingEvaluationException Error(string path, string message) => new(Name, path, message);

    /// <summary>Reads an optional property of an object argument (last duplicate wins).</summary>
    protected static bool TryGetOption(JsonElement argument, string name, out JsonElement value)
    {
        value = default;
        if (argument.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool found = false;
        foreach (var property in argument.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    /// <summary>Resolves a nested value that must come out as a string (Segment's string directives).</summary>
    protected string ResolveString(JsonElement argument, JsonElement payload, string path)
    {
        var resolved = MappingEvaluator.Resolve(argument, payload, path);
        if (!Json.JsonNodes.TryGetString(resolved.Value, out string value) || !resolved.IsDefined)
        {
            throw Error(path, $"{Name}: expected string, got {MappingEvaluator.TypeName(resolved)}");
        }

        return value;
    }

    /// <summary>Validation helper: the argument must be a string or a directive.</summary>
    protected static void ValidateStringOrDirective(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (MappingEvaluator.IsDirective(argument))
        {
            MappingValidator.ValidateValue(argument, path, problems);
        }
        else if (argument.ValueKind != JsonValueKind.String)
        {
            problems.Add(new MappingProblem(path, $"should be a string or a mapping directive but it is {MappingEvaluator.Article(argument)}"));
        }
    }

    /// <summary>Validation helper: the argument must be an object.</summary>
    protected static bool ValidateObjectArgument(JsonElement argument, string path, List<MappingProblem> problems)
    {
        if (argument.ValueKind != JsonValueKind.Object || MappingEvaluator.IsDirective(argument))
        {
            problems.Add(new MappingProblem(path, $"should be an object but it is {MappingEvaluator.Article(argument)}"));
            return false;
        }

        return true;
    }
}
