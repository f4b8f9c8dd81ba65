using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Mapping;

/// <summary>Segment subscription syntax (FQL): a table of expressions against events, and syntax errors by position.</summary>
public class TriggerTests
{
    private const string Identify = """{"type":"identify","userId":"u1","traits":{"email":"j@example.com","plan":"pro","vip":true,"logins":5}}""";
    private const string OrderCompleted = """{"type":"track","event":"Order Completed","userId":"u1","properties":{"total":30,"revenue":"25","coupon":null,"sku":"SKU-123"},"context":{"library":{"name":"analytics.js"}}}""";
    private const string AudienceEntered = """{"type":"track","event":"Audience Entered","anonymousId":"a1","properties":{"audience_key":"vip"}}""";
    private const string Page = """{"type":"page","name":"Home","properties":{"path":"/"}}""";
    private const string CapitalType = """{"type":"Identify","userId":"u1"}""";
    private const string Escaped = """{"type":"track","event":"Caf\u00e9 \"Visited\"","userId":"u1","properties":{"flag":false,"none":null,"list":["a","b"],"obj":{"k":1},"n":-0.5e1}}""";

    private static readonly Dictionary<string, string> Events = new()
    {
        ["identify"] = Identify,
        ["order"] = OrderCompleted,
        ["audience"] = AudienceEntered,
        ["page"] = Page,
        ["capital"] = CapitalType,
        ["escaped"] = Escaped,
    };

    [TestCase("type = \"identify\"", "identify", true)]
    [TestCase("type = \"identify\"", "capital", true)]
    [TestCase("type = \"Identify\"", "identify", false)]
    [TestCase("type = \"Identify\"", "capital", false)]
    [TestCase("type = \"track\"", "order", true)]
    [TestCase("type = \"track\"", "identify", false)]
    [TestCase("type = \"track\" and event = \"Order Completed\"", "order", true)]
    [TestCase("type = \"track\" and event = \"Order Completed\"", "audience", false)]
    [TestCase("event = \"Audience Entered\"", "audience", true)]
    [TestCase("event = \"audience entered\"", "audience", false)]
    [TestCase("event = \"Audience Entered\" or event = \"Audience Exited\"", "audience", true)]
    [TestCase("type = \"identify\" or type = \"page\"", "page", true)]
    [TestCase("type = \"identify\" or type = \"page\"", "order", false)]
    [TestCase("not type = \"track\"", "identify", true)]
    [TestCase("!(type = \"track\")", "order", false)]
    [TestCase("event != \"Order Completed\"", "audience", true)]
    [TestCase("event != \"Order Completed\"", "identify", true)]
    [TestCase("event != \"Order Completed\"", "order", false)]
    [TestCase("type = \"track\" and (event = \"A\" or event = \"Order Completed\")", "order", true)]
    [TestCase("type = \"page\" or type = \"track\" and event = \"Nope\"", "page", true)]
    [TestCase("type = \"page\" or type = \"track\" and event = \"Nope\"", "order", false)]
    [TestCase("(type = \"page\" or type = \"track\") and event = \"Nope\"", "page", false)]
    [TestCase("contains(event, \"Completed\")", "order", true)]
    [TestCase("contains(event, \"completed\")", "order", false)]
    [TestCase("!contains(event, \"Completed\")", "audience", true)]
    [TestCase("contains(properties.sku, \"123\")", "order", true)]
    [TestCase("match(event, \"Order*\")", "order", true)]
    [TestCase("match(event, \"*Entered\")", "audience", true)]
    [TestCase("match(event, \"*Entered\")", "order", false)]
    [TestCase("exists(traits.email)", "identify", true)]
    [TestCase("exists(traits.phone)", "identify", false)]
    [TestCase("traits.email != null", "identify", true)]
    [TestCase("traits.phone = null", "identify", true)]
    [TestCase("properties.coupon = null", "order", true)]
    [TestCase("exists(properties.coupon)", "order", false)]
    [TestCase("properties.total = 30", "order", true)]
    [TestCase("properties.total = \"30\"", "order", true)]
    [TestCase("properties.revenue = 25", "order", true)]
    [TestCase("properties.total > 20", "order", true)]
    [TestCase("properties.total >= 30 and properties.total <= 30", "order", true)]
    [TestCase("properties.total < 20", "order", false)]
    [TestCase("properties.missing > 0", "order", false)]
    [TestCase("traits.vip = true", "identify", true)]
    [TestCase("traits.logins >= 5 and traits.plan = \"pro\"", "identify", true)]
    [TestCase("userId = \"u1\"", "identify", true)]
    [TestCase("anonymousId = \"a1\"", "audience", true)]
    [TestCase("name = \"Home\"", "page", true)]
    [TestCase("context.library.name = \"analytics.js\"", "order", true)]
    [TestCase("type = 'track'", "order", true)]
    [TestCase("type == \"track\" && event = \"Order Completed\"", "order", true)]
    [TestCase("event = \"Caf\u00e9 \\\"Visited\\\"\"", "escaped", true)]
    [TestCase("event = \"Cafe \\\"Visited\\\"\"", "escaped", false)]
    [TestCase("properties.flag = false", "escaped", true)]
    [TestCase("properties.flag = \"false\"", "escaped", true)]
    [TestCase("properties.flag != true", "escaped", true)]
    [TestCase("properties.list = \"a,b\"", "escaped", true)]
    [TestCase("properties.obj = \"[object Object]\"", "escaped", true)]
    [TestCase("properties.n = -5", "escaped", true)]
    [TestCase("properties.missing = \"undefined\"", "escaped", true)]
    public void Expression_table(string expression, string eventName, bool expected) =>
        Assert.That(Trigger.Parse(expression).Matches(SegmentEvent.Parse(Events[eventName])), Is.EqualTo(expected));

    [TestCase("", 0, "the trigger is empty")]
    [TestCase("type = ", 7, "expected a value")]
    [TestCase("type \"track\"", 5, "expected a comparison")]
    [TestCase("type = \"track", 7, "unterminated string")]
    [TestCase("type = \"track\" and", 18, "expected a condition but found end of input")]
    [TestCase("(type = \"track\"", 15, "expected ')' to close the '(' at position 0")]
    [TestCase("type = \"track\")", 14, "expected 'and', 'or' or end of input")]
    [TestCase("evnt = \"x\"", 0, "unknown field 'evnt'")]
    [TestCase("type = \"track\" xor event = \"x\"", 15, "expected 'and', 'or' or end of input")]
    [TestCase("contains(event \"x\")", 15, "needs a second argument")]
    [TestCase("contains(event, 3)", 16, "must be a string")]
    [TestCase("starts(event, \"x\")", 0, "unknown function 'starts'")]
    [TestCase("properties.total > \"many\"", 17, "'>' needs a number")]
    [TestCase("type = \"track\" # comment", 15, "unexpected character '#'")]
    public void Syntax_errors_report_the_position(string expression, int position, string problem)
    {
        var error = Assert.Throws<TriggerSyntaxException>(() => Trigger.Parse(expression));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Position, Is.EqualTo(position), error.Message);
            Assert.That(error.Problem, Does.Contain(problem));
            Assert.That(error.Message, Does.StartWith($"Trigger syntax error at position {position}:"));
        });
    }

    [Test]
    public void A_capitalised_type_parses_with_a_warning()
    {
        var trigger = Trigger.Parse("type = \"Identify\"");

        Assert.That(trigger.Warnings.Single(), Does.Contain("never matches"));
    }

    [Test]
    public void TryParse_reports_instead_of_throwing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Trigger.TryParse("type = ", out var none, out var error), Is.False);
            Assert.That(none, Is.Null);
            Assert.That(error!.Position, Is.EqualTo(7));
            Assert.That(Trigger.TryParse("type = \"track\"", out var trigger, out _), Is.True);
            Assert.That(trigger!.ToString(), Is.EqualTo("type = \"track\""));
        });
    }
}
