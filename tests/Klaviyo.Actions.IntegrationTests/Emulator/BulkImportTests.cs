using System.Net;
using System.Text;
using System.Text.Json;
using Klaviyo.Actions.Testing;
using NUnit.Framework;

namespace Klaviyo.Actions.IntegrationTests.Emulator;

/// <summary>Bulk profile import: job lifecycle on the emulator's clock, import errors, pagination and limits.</summary>
public sealed class BulkImportTests : EmulatorTestBase
{
    protected override void Configure(KlaviyoEmulatorOptions options)
    {
        options.ImportJobQueuedTime = TimeSpan.FromSeconds(2);
        options.ImportJobProcessingTime = TimeSpan.FromSeconds(3);
    }

    [Test]
    public async Task A_job_moves_queued_processing_complete_and_then_writes_profiles()
    {
        string listId = await CreateListAsync("Imported");
        var rows = new[]
        {
            Payloads.ImportRow("""{"email":"a@shop.dev","first_name":"A"}"""),
            Payloads.ImportRow("""{"email":"b@shop.dev","phone_number":"12345"}"""),
            Payloads.ImportRow("""{"external_id":"c"}"""),
        };
        using var response = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport(rows, listId));
        await ExpectAsync(response, HttpStatusCode.Accepted);
        var job = (await JsonAsync(response)).GetProperty("data");
        string jobId = job.GetProperty("id").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("type").GetString(), Is.EqualTo("profile-bulk-import-job"));
            Assert.That(Status(job), Is.EqualTo("queued"));
            Assert.That(job.GetProperty("attributes").GetProperty("total_count").GetInt32(), Is.EqualTo(3));
            Assert.That(job.GetProperty("relationships").GetProperty("lists").GetProperty("data")[0].GetProperty("id").GetString(), Is.EqualTo(listId));
        });

        Time.Advance(TimeSpan.FromSeconds(2));
        var processing = await GetJobAsync(jobId);
        Assert.Multiple(() =>
        {
            Assert.That(Status(processing), Is.EqualTo("processing"));
            Assert.That(processing.GetProperty("attributes").GetProperty("started_at").GetString(), Is.EqualTo("2026-08-01T12:00:02+00:00"));
            Assert.That(Emulator.Profiles, Is.Empty, "nothing is written before the job completes");
        });

        Time.Advance(TimeSpan.FromSeconds(3));
        var complete = await GetJobAsync(jobId);
        var attributes = complete.GetProperty("attributes");
        Assert.Multiple(() =>
        {
            Assert.That(Status(complete), Is.EqualTo("complete"));
            Assert.That(attributes.GetProperty("completed_count").GetInt32(), Is.EqualTo(2));
            Assert.That(attributes.GetProperty("failed_count").GetInt32(), Is.EqualTo(1));
            Assert.That(attributes.GetProperty("completed_at").GetString(), Is.EqualTo("2026-08-01T12:00:05+00:00"));
            Assert.That(Emulator.FindProfileByEmail("a@shop.dev")!.FirstName, Is.EqualTo("A"));
            Assert.That(Emulator.FindProfileByEmail("b@shop.dev"), Is.Null);
            Assert.That(Emulator.GetListMembers(listId), Has.Count.EqualTo(2));
        });

        using var errors = await GetAsync($"api/profile-bulk-import-jobs/{jobId}/import-errors");
        var error = (await JsonAsync(errors)).GetProperty("data").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("import-error"));
            Assert.That(error.GetProperty("attributes").GetProperty("source").GetProperty("pointer").GetString(), Is.EqualTo("/data/attributes/phone_number"));
            Assert.That(error.GetProperty("attributes").GetProperty("original_payload").GetProperty("attributes").GetProperty("email").GetString(), Is.EqualTo("b@shop.dev"));
        });
    }

    [Test]
    public async Task Import_errors_are_paged_with_cursors()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Payloads.ImportRow($$"""{"email":"e{{i}}@shop.dev","phone_number":"bad{{i}}"}"""));
        using var response = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport(rows));
        string jobId = (await JsonAsync(response)).GetProperty("data").GetProperty("id").GetString()!;
        Time.Advance(TimeSpan.FromSeconds(5));

        var payloads = new List<string>();
        string? next = $"api/profile-bulk-import-jobs/{jobId}/import-errors?page[size]=2";
        int pages = 0;
        while (next is not null)
        {
            using var page = await GetAsync(next);
            await ExpectAsync(page, HttpStatusCode.OK);
            var root = await JsonAsync(page);
            payloads.AddRange(root.GetProperty("data").EnumerateArray()
                .Select(e => e.GetProperty("attributes").GetProperty("original_payload").GetProperty("attributes").GetProperty("email").GetString()!));
            var link = root.GetProperty("links").GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(payloads, Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"e{i}@shop.dev")));
        });

        using var tooBig = await GetAsync($"api/profile-bulk-import-jobs/{jobId}/import-errors?page[size]=101");
        await ErrorAsync(tooBig, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Unknown_jobs_are_404()
    {
        using var job = await GetAsync("api/profile-bulk-import-jobs/NOPE");
        using var errors = await GetAsync("api/profile-bulk-import-jobs/NOPE/import-errors");
        await ErrorAsync(job, HttpStatusCode.NotFound);
        await ErrorAsync(errors, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_unknown_list_fails_the_request_at_data()
    {
        using var response = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport([Payloads.ImportRow("""{"email":"a@shop.dev"}""")], "NoList"));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(PointerOf(error), Is.EqualTo("/data"));
            Assert.That(error.GetProperty("detail").GetString(), Is.EqualTo("List ID NoList does not exist."));
            Assert.That(Emulator.ImportJobs, Is.Empty);
        });
    }

    [Test]
    public async Task Shape_errors_fail_the_request_with_row_pointers()
    {
        var rows = new[]
        {
            Payloads.ImportRow("""{"email":"ok@shop.dev"}"""),
            Payloads.ImportRow("""{"email":"broken"}"""),
            Payloads.ImportRow("""{"email":"ok2@shop.dev","lastName":"camel"}"""),
            Payloads.ImportRow("""{"first_name":"no identifier"}"""),
        };
        using var response = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport(rows));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[]
        {
            "/data/attributes/profiles/data/1/attributes/email",
            "/data/attributes/profiles/data/2/attributes/lastName",
            "/data/attributes/profiles/data/3/attributes",
        }));
        Assert.That(Emulator.ImportJobs, Is.Empty);
    }

    [TestCase(10_000, HttpStatusCode.Accepted)]
    [TestCase(10_001, HttpStatusCode.BadRequest)]
    public async Task A_request_holds_at_most_10000_profiles(int count, HttpStatusCode expected)
    {
        var rows = Enumerable.Range(0, count).Select(i => Payloads.ImportRow($$"""{"external_id":"x{{i}}"}"""));
        using var response = await PostAsync("api/profile-bulk-import-jobs", Payloads.BulkImport(rows));
        await ExpectAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data" }));
            return;
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.That(Emulator.Profiles, Has.Count.EqualTo(count));
    }

    [Test]
    public async Task A_profile_over_100KB_fails_the_request_at_its_row()
    {
        string large = Payloads.ImportRow("{\"email\":\"big@shop.dev\",\"properties\":{\"note\":\"" + new string('x', 100_000) + "\"}}");
        using var response = await PostAsync("api/profile-bulk-import-jobs",
            Payloads.BulkImport([Payloads.ImportRow("""{"email":"small@shop.dev"}"""), large]));
        await ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.That(await PointersAsync(response), Is.EqualTo(new[] { "/data/attributes/profiles/data/1" }));
    }

    [TestCase(0, HttpStatusCode.Accepted)]
    [TestCase(1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task The_request_body_may_be_5MB(int extraBytes, HttpStatusCode expected)
    {
        string body = BodyOfExactly(KlaviyoEmulatorOptions.DefaultMaxRequestBytes + extraBytes);
        using var response = await Http.PostAsync("api/profile-bulk-import-jobs", Body(body));
        if (expected == HttpStatusCode.RequestEntityTooLarge)
        {
            await ErrorAsync(response, expected);
            Assert.That(Emulator.ImportJobs, Is.Empty);
            return;
        }

        await ExpectAsync(response, expected);
        Assert.That(Emulator.ImportJobs.Single().TotalCount, Is.EqualTo(60));
    }

    /// <summary>A valid import of 60 padded profiles whose UTF-8 JSON is exactly <paramref name="bytes"/> long.</summary>
    private static string BodyOfExactly(long bytes)
    {
        const int rows = 60;
        string Row(int i, int padding) =>
            Payloads.ImportRow("{\"external_id\":\"r" + i + "\",\"properties\":{\"pad\":\"" + new string('p', padding) + "\"}}");
        string withoutPadding = Payloads.BulkImport(Enumerable.Range(0, rows).Select(i => Row(i, 0)));
        long missing = bytes - Encoding.UTF8.GetByteCount(withoutPadding);
        int each = (int)(missing / rows);
        int last = (int)(missing - ((long)each * (rows - 1)));
        string body = Payloads.BulkImport(Enumerable.Range(0, rows).Select(i => Row(i, i == rows - 1 ? last : each)));
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.EqualTo(bytes));
        return body;
    }

    private static string Status(JsonElement job) => job.GetProperty("attributes").GetProperty("status").GetString()!;

    private async Task<JsonElement> GetJobAsync(string id)
    {
        using var response = await GetAsync($"api/profile-bulk-import-jobs/{id}");
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await JsonAsync(response)).GetProperty("data");
    }
}
