using System.Net;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample;
using NUnit.Framework;
using static Klaviyo.Actions.IntegrationTests.EndToEnd.WebSample.WebSampleIngestionTests;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>
/// Issue 14's fuzz run through the web sample (in-process host, its own emulator): the generated inputs that are JSON go
/// in <c>/v1/batch</c> calls of 50, the others (not JSON, or over the 32 KB message limit) each in its own
/// <c>/v1/track</c> call. No call gets a 5xx; a refused call names its problem; every accepted message ends with exactly
/// one outcome (one outcome line, or counted unreadable with its reason).
/// </summary>
public class WebSampleFuzzTests
{
    private const int Inputs = 3_000;

    private const int BatchSize = 50;

    private WebSampleFactory _factory = null!;
    private OutcomeLineCollector _lines = null!;

    [SetUp]
    public void StartSample()
    {
        _lines = new OutcomeLineCollector();
        _factory = new WebSampleFactory(logs: _lines);
    }

    [TearDown]
    public async Task StopSample()
    {
        await _factory.DisposeAsync();
        _lines.Dispose();
    }

    /// <summary>Inputs that must be rejected before routing (no outcome line, counted unreadable).</summary>
    private static bool RejectedAtIntake(FuzzInput input) => input.Kind is FuzzKind.DuplicateKey or FuzzKind.LoneSurrogate or FuzzKind.TooDeep or FuzzKind.NonObject;

    /// <summary>Inputs that must be routed (exactly one outcome line).</summary>
    private static bool MustBeRouted(FuzzInput input) => input.MustBeReadable && !RejectedAtIntake(input);

    [Test]
    public async Task Generated_inputs_are_each_accepted_with_one_outcome_or_refused_with_a_reason_and_never_a_500()
    {
        var corpus = MalformedInputCorpus.Generate(Inputs);
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);
        var batched = corpus.Where(i => i.IsJson && Encoding.UTF8.GetByteCount(i.Text) < 30_000).ToList();
        var alone = corpus.Except(batched).ToList();

        long accepted = 0;
        var statuses = new List<string>();
        foreach (var chunk in batched.Chunk(BatchSize))
        {
            using var response = await client.PostAsync("/v1/batch", Json($$"""{"batch":[{{string.Join(",", chunk.Select(i => i.Text))}}]}"""));
            statuses.Add($"batch {chunk[0].Index}: {(int)response.StatusCode}");
            accepted += response.StatusCode == HttpStatusCode.OK ? chunk.Length : 0;
        }

        var refusedAlone = new List<string>();
        foreach (var input in alone)
        {
            using var response = await client.PostAsync("/v1/track", Json(input.Text));
            string body = await ReadJsonAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted++;
            }
            else if ((int)response.StatusCode >= 500 || !body.Contains("\"code\"", StringComparison.Ordinal))
            {
                refusedAlone.Add($"{input}: {(int)response.StatusCode} {body}");
            }
        }

        await _factory.WaitForIdleAsync();
        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        var root = stats.RootElement;
        var lines = _lines.Lines.ToList();
        long unreadableLines = lines.Count(l => l.Line.Contains("is not a readable Segment event", StringComparison.Ordinal));
        long unreadableAtIntake = root.GetProperty("unreadable").GetInt64() - unreadableLines;
        var linesById = lines.Where(l => l.MessageId is not null).GroupBy(l => l.MessageId!).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Out.WriteLine($"{batched.Count} batched in {statuses.Count} calls, {alone.Count} alone; accepted {accepted}, outcome lines {lines.Count}, unreadable at intake {unreadableAtIntake}");

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.All.EndsWith(": 200"), "a batch of JSON messages is accepted whatever its messages hold");
            Assert.That(refusedAlone, Is.Empty, "a refused call is a 4xx that names its problem");
            Assert.That(root.GetProperty("accepted").GetInt64(), Is.EqualTo(accepted));
            Assert.That(root.GetProperty("routed").GetInt64(), Is.EqualTo(accepted), "every accepted message reached its end");
            Assert.That(root.GetProperty("crashed").GetInt64(), Is.Zero);
            Assert.That(root.GetProperty("pending").GetInt64(), Is.Zero);
            Assert.That(lines.Count + unreadableAtIntake, Is.EqualTo(accepted), "one outcome line per routed message, the rest counted unreadable");
            Assert.That(linesById.Where(p => p.Value > 1).Select(p => p.Key), Is.Empty, "no message has two outcome lines");
            Assert.That(batched.Where(MustBeRouted).Where(i => !linesById.ContainsKey(i.MessageId!)).Select(i => i.ToString()), Is.Empty, "readable messages are routed");
            Assert.That(batched.Where(RejectedAtIntake).Where(i => i.MessageId is not null && linesById.ContainsKey(i.MessageId)).Select(i => i.ToString()), Is.Empty, "unreadable messages are not routed");
            Assert.That(unreadableAtIntake, Is.GreaterThanOrEqualTo(batched.Count(RejectedAtIntake)));
            Assert.That(string.Join("\n", lines.Select(l => l.Line)) + stats.RootElement.GetRawText(), Does.Not.Contain("@example.com").And.Not.Contain("+1 415 555"));
        });
    }

    [Test]
    public async Task A_batch_of_100_with_one_poison_of_each_kind_routes_the_good_ones()
    {
        var poisons = MalformedInputCorpus.OnePoisonOfEachKind();
        var good = Enumerable.Range(0, 100 - poisons.Count)
            .Select(i => $$$"""{"type":"track","messageId":"good-{{{i}}}","userId":"u-{{{i}}}","event":"Good {{{i}}}","properties":{}}""");
        using var client = _factory.CreateClient(WebSampleFactory.WriteKey);

        using var response = await client.PostAsync("/v1/batch", Json($$"""{"batch":[{{string.Join(",", good.Concat(poisons.Select(p => p.Text)))}}]}"""));
        await _factory.WaitForIdleAsync();

        using var stats = JsonDocument.Parse(await client.GetStringAsync("/v1/stats"));
        var root = stats.RootElement;
        var reasons = root.GetProperty("recent_problems").EnumerateArray().Select(p => p.GetProperty("reason").GetString()!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_factory.Emulator.Events, Has.Count.EqualTo(100 - poisons.Count), "every good message reached Klaviyo");
            Assert.That(root.GetProperty("routed").GetInt64(), Is.EqualTo(100));
            Assert.That(root.GetProperty("unreadable").GetInt64(), Is.EqualTo(poisons.Count), "each poison is counted unreadable");
            Assert.That(root.GetProperty("actions").GetProperty("trackEvent").GetProperty("sent").GetInt64(), Is.EqualTo(100 - poisons.Count));
            foreach (var poison in poisons)
            {
                Assert.That(reasons, Has.Some.EndsWith(": " + (poison.UnreadableRule ?? "type")), poison.ToString());
            }
        });
    }
}
