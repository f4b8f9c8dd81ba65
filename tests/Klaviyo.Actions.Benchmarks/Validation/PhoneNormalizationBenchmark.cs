using BenchmarkDotNet.Attributes;
using Klaviyo.Actions.Validation;

namespace Klaviyo.Actions.Benchmarks.Validation;

/// <summary>
/// <see cref="PhoneNumberNormalizer.TryNormalize"/> per call: canonical E.164 input (no country needed), and national
/// input read with a country code (US and GB). Every profile with a phone and every event profile with one pays this.
/// Run: <c>dotnet run -c Release --project tests/Klaviyo.Actions.Benchmarks -- --filter '*PhoneNormalization*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PhoneNormalizationBenchmark
{
    [GlobalSetup]
    public void Setup()
    {
        Check("+14155552671", null, "+14155552671");
        Check("(415) 555-2671", "US", "+14155552671");
        Check("020 7946 0018", "GB", "+442079460018");
    }

    [Benchmark(Baseline = true)]
    public string? E164() => Normalize("+14155552671", null);

    [Benchmark]
    public string? NationalUs() => Normalize("(415) 555-2671", "US");

    [Benchmark]
    public string? NationalGb() => Normalize("020 7946 0018", "GB");

    private static string? Normalize(string input, string? country) =>
        PhoneNumberNormalizer.TryNormalize(input, country, out var e164) ? e164 : throw new InvalidOperationException("Not convertible: " + input);

    private static void Check(string input, string? country, string expected)
    {
        if (Normalize(input, country) != expected)
        {
            throw new InvalidOperationException($"{input} ({country}) did not normalize to {expected}.");
        }
    }
}
