using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>The bounds of <see cref="KlaviyoDestinationOptions"/>.</summary>
public class DestinationOptionsTests
{
    [TestCase(1)]
    [TestCase(256)]
    [TestCase(10_000)]
    public void MaxConcurrency_accepts_values_up_to_ten_thousand(int value) =>
        Assert.That(new KlaviyoDestinationOptions { MaxConcurrency = value }.MaxConcurrency, Is.EqualTo(value));

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10_001)]
    public void MaxConcurrency_outside_the_bounds_names_the_setting_and_the_range(int value)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new KlaviyoDestinationOptions { MaxConcurrency = value });
        Assert.That(error!.ParamName, Is.EqualTo("value"));
        Assert.That(error.Message, Does.Contain("MaxConcurrency must be between 1 and 10000"));
    }
}
