using System.Text.Json;
using Klaviyo.Actions.Tests.Api.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Api;

public class JsonAssertTests
{
    [TestCase("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1.0}""", true)]
    [TestCase("""{"a":1}""", """{"a":1,"b":null}""", false)]
    [TestCase("""{"a":null}""", """{}""", false)]
    [TestCase("""{"a":[1,2]}""", """{"a":[2,1]}""", false)]
    [TestCase("""{"a":"1"}""", """{"a":1}""", false)]
    [TestCase("""{"a":{"b":true}}""", """{"a":{"b":false}}""", false)]
    public void Compares_structurally(string expected, string actual, bool equivalent)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.That(JsonAssert.Difference(e.RootElement, a.RootElement, "$") is null, Is.EqualTo(equivalent));
    }
}
