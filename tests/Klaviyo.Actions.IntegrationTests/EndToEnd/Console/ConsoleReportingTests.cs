using Klaviyo.Actions.ConsoleApp.Delivery;
using Klaviyo.Actions.ConsoleApp.Reporting;
using NUnit.Framework;
using Spectre.Console;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Console;

/// <summary>The pieces the console's report and summary are made of: the lenient messageId and the terminal table.</summary>
public class ConsoleReportingTests
{
    [TestCase("""{"messageId":"m1","type":"track"}""", "m1")]
    [TestCase("""{"type":"track","messageId":"m2","properties":{"a":[1,2,{"b":3}]}""", "m2", Description = "truncated after the id")]
    [TestCase("""{"type":"track","properties":{"messageId":"inner"},"messageId":"outer"}""", "outer", Description = "only the top level counts")]
    [TestCase("""{"messageId":"m\u00e9"}""", "mé")]
    [TestCase("""{"messageId":"half \ud83d"}""", null, Description = "not valid text itself")]
    [TestCase("""{"messageId":42}""", null)]
    [TestCase("""{"type":"track","properties":{"a":1e999},"x": nope, "messageId":"late"}""", null, Description = "after the JSON breaks")]
    [TestCase("""["messageId","m3"]""", null)]
    [TestCase("not json messageId", null)]
    [TestCase("", null)]
    public void The_lenient_messageId_is_the_outer_objects_string_before_the_json_breaks(string line, string? expected) =>
        Assert.That(LenientMessageId.Read(line), Is.EqualTo(expected));

    [Test]
    public void On_a_terminal_the_summary_is_a_table_with_the_headline_first_and_the_totals()
    {
        var summary = new RunSummary();
        var facts = new RunFacts("the built-in Klaviyo emulator", TimeSpan.FromSeconds(2), new Dictionary<string, int> { ["POST /api/profile-import"] = 3 }, KeyRefusedWith: null);
        using var written = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(written), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        TerminalSummary.Print(console, summary, facts);

        var lines = written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("0 events: 0 accepted, 0 failed, 0 invalid, 0 unreadable, 0 matched no mapping."));
            Assert.That(lines[1], Does.StartWith("Target: the built-in Klaviyo emulator; 2.0s"));
            Assert.That(written.ToString(), Does.Contain("│ total").And.Contain("POST /api/profile-import").And.Contain("Requests by endpoint"));
        });
    }
}
