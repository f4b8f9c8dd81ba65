using System.Globalization;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api.Support;

/// <summary>
/// Structural JSON comparison: object key order is irrelevant, numbers compare by value, and a failure names
/// the first differing path.
/// </summary>
public static class JsonAssert
{
    public static void AreEquivalent(string expectedJson, byte[] actualUtf8) =>
        AreEquivalent(expectedJson, Encoding.UTF8.GetString(actualUtf8));

    public static void AreEquivalent(string expectedJson, string actualJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        using var actual = JsonDocument.Parse(actualJson);
        string? difference = Difference(expected.RootElement, actual.RootElement, "$");
        if (difference is not null)
        {
            Assert.Fail($"JSON differs at {difference}{Environment.NewLine}expected: {Compact(expected.RootElement)}{Environment.NewLine}actual:   {actualJson}");
        }
    }

    /// <summary>Returns the first differing path and why, or <see langword="null"/> when equivalent.</summary>
    public static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {Compact(expected)} but was {actual.ValueKind} {Compact(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToList();
                if (actualNames.Count != actualNames.Distinct(StringComparer.Ordinal).Count())
                {
                    return $"{path}: duplicate keys in actual";
                }

                var missing = expectedNames.Except(actualNames, StringComparer.Ordinal).ToList();
                var extra = actualNames.Except(expectedNames, StringComparer.Ordinal).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    return $"{path}: missing keys [{string.Join(", ", missing)}], unexpected keys [{string.Join(", ", extra)}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    string? inner = Difference(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                int expectedLength = expected.GetArrayLength();
                if (expectedLength != actual.GetArrayLength())
                {
                    return $"{path}: expected {expectedLength} items but was {actual.GetArrayLength()}";
                }

                for (int i = 0; i < expectedLength; i++)
                {
                    string? inner = Difference(expected[i], actual[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $"{path}: expected {expected} but was {actual}";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\" but was \"{actual.GetString()}\"";
            default:
                return null;
        }
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
