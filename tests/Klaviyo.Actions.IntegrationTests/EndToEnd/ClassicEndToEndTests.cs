using System.Text.Json;
using Klaviyo.Actions.ConsoleApp.Commands;
using Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;
using Klaviyo.Actions.Mapping;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd;

/// <summary>
/// Classic mode over the real client against the emulator: a bad field costs only itself and is reported as a
/// warning on the sent outcome, in the console's summary and in the web sample's <c>/v1/stats</c>.
/// </summary>
public class ClassicEndToEndTests : EmulatorFixture
{
    private const string O14Order = """
        {"type":"track","event":"Order Completed","userId":"u-14","messageId":"m14","timestamp":"2026-11-01T10:00:00Z",
         "properties":{"email":"o14@shop-demo.test","orderId":"o14","revenue":10,"products":[{"id":"p1","price":4},{"name":"no id","price":6}]}}
        """;

    private Task<EventResult> SendAsync(ClassicSettings settings, string json) =>
        new KlaviyoDestination(DestinationConfiguration.ForClassic(settings), Client).SendAsync(SegmentEvent.Parse(json));

    [Test]
    public async Task A_product_without_an_id_loses_only_its_ordered_product_event()
    {
        var result = await SendAsync(new ClassicSettings(), O14Order);

        var sent = (SentOutcome)result.Outcomes.Single();
        var events = Emulator.Events;
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => (e.MetricName, e.UniqueId, e.Value)), Is.EquivalentTo(new[]
            {
                ("Order Completed", (string?)"o14", (decimal?)10m),
                ("Ordered Product", "o14_p1", 4m),
            }));
            Assert.That(events.Select(e => e.ProfileId).Distinct().Single(), Is.EqualTo(Emulator.FindProfileByEmail("o14@shop-demo.test")!.Id));
            Assert.That(sent.Warnings.Select(w => (w.Field, w.Rule)), Is.EqualTo(new[] { ("properties.products[1]", "required") }));
        });
    }

    [Test]
    public async Task Without_an_email_the_profile_is_upserted_and_only_the_list_add_is_skipped()
    {
        var list = Emulator.CreateList("Classic default");

        var result = await SendAsync(new ClassicSettings { EnforceEmail = false, ListId = list.Id }, """{"type":"identify","userId":"crm-8","messageId":"m8","traits":{"firstName":"Bo","plan":"gold"}}""");

        var profile = Emulator.FindProfileByExternalId("crm-8");
        Assert.Multiple(() =>
        {
            Assert.That(profile, Is.Not.Null, "the profile was upserted");
            Assert.That(profile!.FirstName, Is.EqualTo("Bo"));
            Assert.That(profile.Properties["plan"].GetString(), Is.EqualTo("gold"));
            Assert.That(Emulator.GetListMembers(list.Id), Is.Empty);
            Assert.That(((SentOutcome)result.Outcomes.Single()).Warnings.Single().Rule, Is.EqualTo("required_for_list"));
        });
    }

    [Test]
    public async Task A_phone_that_is_not_e164_is_left_out_and_the_rest_of_the_identify_lands()
    {
        var result = await SendAsync(new ClassicSettings(), """{"type":"identify","userId":"u-9","messageId":"m9","traits":{"email":"ann@shop-demo.test","phone":"(415) 555-2671","firstName":"Ann","lastName":"Lee"}}""");

        var profile = Emulator.FindProfileByEmail("ann@shop-demo.test");
        Assert.Multiple(() =>
        {
            Assert.That(profile, Is.Not.Null);
            Assert.That((profile!.FirstName, profile.LastName, profile.PhoneNumber), Is.EqualTo(("Ann", "Lee", (string?)null)));
            Assert.That(((SentOutcome)result.Outcomes.Single()).Warnings.Single().Field, Is.EqualTo("traits.phone"));
        });
    }

    [Test]
    public async Task A_non_numeric_revenue_sends_the_event_without_a_value_at_the_original_timestamp()
    {
        var result = await SendAsync(new ClassicSettings(), """
            {"type":"track","event":"Item Added","userId":"jane@shop-demo.test","messageId":"m1","originalTimestamp":"2026-10-30T08:15:00Z","properties":{"revenue":"lots","sku":"S-1"}}
            """);

        var recorded = Emulator.Events.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcomes.Single().Kind, Is.EqualTo(MappingOutcomeKind.Sent));
            Assert.That(recorded.MetricName, Is.EqualTo("Item Added"));
            Assert.That(recorded.Value, Is.Null);
            Assert.That(recorded.Properties.GetProperty("sku").GetString(), Is.EqualTo("S-1"));
            Assert.That(recorded.Time, Is.EqualTo(new DateTimeOffset(2026, 10, 30, 8, 15, 0, TimeSpan.Zero)), "originalTimestamp, not the arrival time");
        });
    }

    [Test]
    public async Task The_console_summary_lists_the_warnings()
    {
        string folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"classic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string mappings = Path.Combine(folder, "classic.json");
            string events = Path.Combine(folder, "events.jsonl");
            string report = Path.Combine(folder, "report.json");
            await File.WriteAllTextAsync(mappings, """{"mode":"classic","settings":{"enforceEmail":true}}""");
            await File.WriteAllLinesAsync(events, [O14Order.ReplaceLineEndings(" ")]);
            using var output = new StringWriter();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

            int exitCode = await SendCommand.RunAsync(CommandArguments.Parse([events, "--mappings", mappings, "--report", report], "rate-limits"), output, timeout.Token);

            string text = output.ToString();
            using var written = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var outcome = written.RootElement[0].GetProperty("outcomes")[0];
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.Zero, text);
                Assert.That(text, Does.Contain("1 accepted with warnings"));
                Assert.That(text, Does.Match(@"\s+1\s{2}orderCompleted: warning properties\.products\[1\]: required"));
                Assert.That(outcome.GetProperty("outcome").GetString(), Is.EqualTo("sent"));
                Assert.That(outcome.GetProperty("warnings")[0].GetProperty("field").GetString(), Is.EqualTo("properties.products[1]"));
                Assert.That(text, Does.Not.Contain("@"), "no email address in the summary");
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_web_sample_counts_warnings_per_action_and_lists_them_as_recent_problems()
    {
        string mappings = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"classic-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(mappings, """{"mode":"classic","settings":{}}""");
        try
        {
            await using var factory = new WebSampleFactory(new Dictionary<string, string> { ["WebSample:MappingsFile"] = mappings });
            using var client = factory.CreateClient(WebSampleFactory.WriteKey);

            using var response = await client.PostAsync("/v1/track", new StringContent(O14Order, System.Text.Encoding.UTF8, "application/json"));
            await factory.WaitForIdleAsync();

            using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
            var root = stats.RootElement;
            var order = root.GetProperty("actions").GetProperty("orderCompleted");
            var problem = root.GetProperty("recent_problems").EnumerateArray().Single();
            Assert.Multiple(() =>
            {
                Assert.That(response.IsSuccessStatusCode, Is.True);
                Assert.That(order.GetProperty("sent").GetInt64(), Is.EqualTo(1));
                Assert.That(order.GetProperty("warnings").GetInt64(), Is.EqualTo(1));
                Assert.That(problem.GetProperty("kind").GetString(), Is.EqualTo("warning"));
                Assert.That(problem.GetProperty("message_id").GetString(), Is.EqualTo("m14"));
                Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("properties.products[1]: required"));
                Assert.That(factory.Emulator.Events.Select(e => e.UniqueId), Is.EquivalentTo(new[] { "o14", "o14_p1" }));
                Assert.That(root.GetRawText(), Does.Not.Contain("@"), "no personal data in the stats");
            });
        }
        finally
        {
            File.Delete(mappings);
        }
    }
}
