using Klaviyo.Actions;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests;

public class OptionalTests
{
    [Test]
    public void Absent_null_and_value_are_distinct()
    {
        Optional<string?> absent = default;
        Optional<string?> cleared = null;
        Optional<string?> set = "Jane";

        Assert.Multiple(() =>
        {
            Assert.That(absent.HasValue, Is.False);
            Assert.That(cleared.HasValue, Is.True);
            Assert.That(cleared.Value, Is.Null);
            Assert.That(set.Value, Is.EqualTo("Jane"));
            Assert.That(absent, Is.Not.EqualTo(cleared));
        });
    }
}
