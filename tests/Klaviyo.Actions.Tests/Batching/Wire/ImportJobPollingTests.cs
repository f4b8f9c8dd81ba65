using System.Net;
using Klaviyo.Actions.Batching;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching.Wire;

/// <summary>Following bulk profile import jobs over the wire with a fake clock.</summary>
public sealed class ImportJobPollingTests
{
    private const string JobPath = "/api/profile-bulk-import-jobs/JOB9";
    private const string ErrorsPath = JobPath + "/import-errors";

    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_job_is_polled_until_complete_and_its_paged_import_errors_reject_the_right_items()
    {
        var mock = JobMock("queued", "processing", "complete");
        mock.Respond(HttpMethod.Get, ErrorsPath, (request, n) => request.Query["page[cursor]"] is null
            ? BulkWireMock.Json(HttpStatusCode.OK, """
                {"data":[{"type":"import-error","id":"ie-1","attributes":{"code":"invalid","title":"Invalid input.","detail":"Invalid email address.",
                  "source":{"pointer":"/data/attributes/profiles/data/1/attributes/email"},"original_payload":{"type":"profile","attributes":{"email":"p1@shop"}}}}],
                 "links":{"self":"https://a.klaviyo.com/api/profile-bulk-import-jobs/JOB9/import-errors",
                   "next":"https://a.klaviyo.com/api/profile-bulk-import-jobs/JOB9/import-errors?page%5Bsize%5D=100&page%5Bcursor%5D=c2","prev":null}}
                """)
            : BulkWireMock.Json(HttpStatusCode.OK, """
                {"data":[{"type":"import-error","id":"ie-2","attributes":{"code":"invalid","title":"Invalid input.","detail":"Phone number is invalid.",
                  "source":{"pointer":"/data"},"original_payload":{"type":"profile","attributes":{"external_id":"ext-2","email":"p2@shop.test"}}}}],
                 "links":{"self":"https://a.klaviyo.com/api/profile-bulk-import-jobs/JOB9/import-errors?page%5Bcursor%5D=c2","next":null,"prev":null}}
                """));
        var started = mock.Clock.GetUtcNow();

        var result = await mock.Clock.RunAsync(
            mock.CreateBulkClient().UpsertProfilesAsync(
                [
                    new UpsertProfileRequest { Email = "p0@shop.test" },
                    new UpsertProfileRequest { Email = "p1@shop.test" },
                    new UpsertProfileRequest { Email = "p2@shop.test", ExternalId = "ext-2" },
                    new UpsertProfileRequest { Email = "p3@shop.test" },
                ],
                new KlaviyoBulkCallOptions { TrackImportJobs = true }),
            LongestPoll);

        var errorPages = mock.To(HttpMethod.Get, ErrorsPath);
        Assert.Multiple(() =>
        {
            Assert.That(mock.To(HttpMethod.Get, JobPath), Has.Count.EqualTo(3), "queued, processing, complete");
            Assert.That(errorPages.Select(r => r.Query["page[cursor]"]), Is.EqualTo(new[] { null, "c2" }));
            Assert.That(errorPages[0].Query["page[size]"], Is.EqualTo("100"));
            Assert.That(mock.Clock.GetUtcNow() - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2 + 4 + 8)), "polls wait on the clock");
            Assert.That(result.Items.Select(i => (i.Outcome.Status, i.Outcome.JobId, i.Outcome.JobConfirmation)), Is.EqualTo(new[]
            {
                (KlaviyoItemStatus.Accepted, "JOB9", KlaviyoJobConfirmation.Confirmed),
                (KlaviyoItemStatus.Rejected, "JOB9", KlaviyoJobConfirmation.Confirmed),
                (KlaviyoItemStatus.Rejected, "JOB9", KlaviyoJobConfirmation.Confirmed),
                (KlaviyoItemStatus.Accepted, "JOB9", KlaviyoJobConfirmation.Confirmed),
            }));
            Assert.That(result.Items[1].Outcome.Error!.Detail, Is.EqualTo("Invalid email address."));
            Assert.That(result.Items[2].Outcome.Error!.Detail, Is.EqualTo("Phone number is invalid."));
        });
    }

    [Test]
    public async Task Items_of_a_cancelled_job_fail()
    {
        var mock = JobMock("processing", "cancelled");
        mock.Respond(HttpMethod.Get, ErrorsPath, (_, _) => BulkWireMock.Json(HttpStatusCode.OK, """{"data":[],"links":{"next":null}}"""));

        var result = await mock.Clock.RunAsync(
            mock.CreateBulkClient(o => o.TrackImportJobs = true).UpsertProfilesAsync([new UpsertProfileRequest { Email = "p0@shop.test" }]),
            LongestPoll);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Failed));
            Assert.That(result.Items[0].Outcome.Reason, Is.EqualTo("Klaviyo cancelled the import job"));
            Assert.That(result.Items[0].Outcome.JobId, Is.EqualTo("JOB9"));
        });
    }

    [Test]
    public async Task A_job_still_processing_at_the_deadline_leaves_its_items_accepted_unconfirmed()
    {
        var mock = JobMock("processing");
        var result = await mock.Clock.RunAsync(
            mock.CreateBulkClient().UpsertProfilesAsync(
                [new UpsertProfileRequest { Email = "p0@shop.test" }],
                new KlaviyoBulkCallOptions { TrackImportJobs = true, JobTrackingTimeout = TimeSpan.FromMinutes(1) }),
            LongestPoll);

        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Unconfirmed));
            Assert.That(result.Items[0].Outcome.Reason, Does.StartWith("the job did not finish within"));
            Assert.That(mock.To(HttpMethod.Get, JobPath), Has.Count.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task A_call_can_switch_off_the_client_s_job_tracking()
    {
        var mock = JobMock("complete");
        var bulk = mock.CreateBulkClient(o => o.TrackImportJobs = true);

        var untracked = await bulk.UpsertProfilesAsync([new UpsertProfileRequest { Email = "p0@shop.test" }], new KlaviyoBulkCallOptions { TrackImportJobs = false });

        Assert.Multiple(() =>
        {
            Assert.That(untracked.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.NotTracked));
            Assert.That(mock.To(HttpMethod.Get, JobPath), Is.Empty);
        });
    }

    /// <summary>Imports answer job JOB9; reads of it answer the given statuses in turn (the last one repeats).</summary>
    private static BulkWireMock JobMock(params string[] statuses)
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, _) => BulkWireMock.Json(HttpStatusCode.Accepted, BulkWireMock.ImportJob("JOB9", "queued")));
        mock.Respond(HttpMethod.Get, JobPath, (_, n) =>
        {
            string status = statuses[Math.Min(n, statuses.Length) - 1];
            int failed = status == "complete" ? 2 : 0;
            return BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB9", status, total: 4, completed: status == "complete" ? 4 : 0, failed: failed));
        });
        return mock;
    }
}
