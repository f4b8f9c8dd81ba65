using Klaviyo.Actions.Validation;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Validation;

/// <summary>Assertions over validation results, comparing (field, rule) pairs.</summary>
internal static class ValidationAssert
{
    public static IReadOnlyList<(string Field, string Rule)> Pairs<T>(ValidationResult<T> result)
        where T : class =>
        result.Errors.Select(e => (e.Field, e.Rule)).ToList();

    /// <summary>The result is invalid with exactly these (field, rule) pairs, in any order.</summary>
    public static void Fails<T>(ValidationResult<T> result, params (string Field, string Rule)[] expected)
        where T : class
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False, "expected the request to be invalid");
            Assert.That(result.Normalized, Is.Null);
            Assert.That(Pairs(result), Is.EquivalentTo(expected));
        });
    }

    /// <summary>The result is valid and returns the normalized request.</summary>
    public static T Passes<T>(ValidationResult<T> result)
        where T : class
    {
        Assert.That(result.Errors, Is.Empty, () => "unexpected errors: " + string.Join("; ", result.Errors));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Normalized, Is.Not.Null);
        return result.Normalized!;
    }

    /// <summary>The single error for <paramref name="field"/> and <paramref name="rule"/>.</summary>
    public static KlaviyoValidationError Single<T>(ValidationResult<T> result, string field, string rule)
        where T : class
    {
        var matches = result.Errors.Where(e => e.Field == field && e.Rule == rule).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), () => $"errors: {string.Join("; ", result.Errors)}");
        return matches[0];
    }
}
