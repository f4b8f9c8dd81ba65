using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class ImportJobTrackingTests
{
    private static readonly KlaviyoBulkCallOptions Track = new() { TrackImportJobs = true };

    private BulkHarness _h = null!;

    [SetUp]
    public void SetUp() => _h = new BulkHarness();

    [TearDown]
    public void TearDown() => _h.Dispose();

    /// <summary>Advances the clock by the longest poll interval whenever the code under test waits, until it is done.</summary>
    private async Task<T> PumpAsync<T>(Task<T> run)
    {
        while (!run.IsCompleted)
        {
            var timer = _h.Clock.WaitForTimerAsync();
            await Task.WhenAny(timer, run);
            if (run.IsCompleted)
            {
                break;
            }

            _h.Clock.Advance(ImportJobFollower.MaxPollInterval);
        }

        return await run;
    }

    private static ImportJobError ErrorAt(string pointer, string detail, object? payload = null) => new(
        new KlaviyoError { Code = "invalid", Title = "Invalid", Detail = detail, SourcePointer = pointer },
        payload is null ? null : JsonSerializer.SerializeToElement(payload));

    [Test]
    public async Task Polls_until_complete_and_folds_paged_import_errors_into_outcomes()
    {
        _h.Jobs.Script("job-1",
            new ImportJobStatus(ImportJobState.Queued),
            new ImportJobStatus(ImportJobState.Processing, 5, 2, 0),
            new ImportJobStatus(ImportJobState.Complete, 5, 3, 2));
        _h.Jobs.Page("job-1", null, new ImportErrorPage([ErrorAt("/data/attributes/profiles/data/1/attributes/email", "Invalid email")], "cursor-2"));
        _h.Jobs.Page("job-1", "cursor-2", new ImportErrorPage(
            [ErrorAt("/data", "Phone number is not valid", new { type = "profile", attributes = new { email = "USER3@shop.test", external_id = "u3" } })],
            null));

        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 5).Select(i => BulkHarness.Profile(i)), Track));

        Assert.Multiple(() =>
        {
            Assert.That(_h.Jobs.Reads, Has.Count.EqualTo(3));
            Assert.That(_h.Jobs.ErrorReads.Select(r => r.Cursor), Is.EqualTo(new[] { null, "cursor-2" }));
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[]
            {
                KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted, KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Accepted,
            }));
            Assert.That(result.Items.Select(i => i.Outcome.JobConfirmation), Is.All.EqualTo(KlaviyoJobConfirmation.Confirmed));
            Assert.That(result.Items.Select(i => i.Outcome.JobId), Is.All.EqualTo("job-1"));
            Assert.That(result.Items[1].Outcome.Reason, Is.EqualTo("Invalid email"));
            Assert.That(result.Items[3].Outcome.Reason, Is.EqualTo("Phone number is not valid"));
        });
    }

    [Test]
    public async Task Waits_between_reads_grow_from_the_configured_interval_and_the_deadline_leaves_items_unconfirmed()
    {
        _h.Options.JobPollInterval = TimeSpan.FromSeconds(2);
        _h.Options.JobTrackingTimeout = TimeSpan.FromSeconds(10);
        _h.Jobs.Script("job-1", new ImportJobStatus(ImportJobState.Processing));
        var run = _h.CreateClient().UpsertProfilesAsync([BulkHarness.Profile(0), BulkHarness.Profile(1)], Track);

        int reads = 0;
        foreach (int seconds in new[] { 2, 4, 4 })
        {
            await _h.Clock.WaitForTimerAsync();
            Assert.That(run.IsCompleted, Is.False);
            _h.Clock.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromTicks(1));
            Assert.That(_h.Jobs.Reads, Has.Count.EqualTo(reads), "no read before the wait of " + seconds + " s is over");
            _h.Clock.Advance(TimeSpan.FromTicks(1));
            reads++;
        }

        var result = await run;
        Assert.Multiple(() =>
        {
            Assert.That(_h.Jobs.Reads, Has.Count.EqualTo(3), "reads at 2 s, 6 s and 10 s");
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.All.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items.Select(i => i.Outcome.JobConfirmation), Is.All.EqualTo(KlaviyoJobConfirmation.Unconfirmed));
            Assert.That(result.Items[0].Outcome.Reason, Does.Contain("did not finish within"));
        });
    }

    [Test]
    public async Task A_complete_job_without_failures_confirms_without_reading_errors()
    {
        _h.Jobs.Default = new ImportJobStatus(ImportJobState.Complete, 3, 3, 0);
        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 3).Select(i => BulkHarness.Profile(i)), Track));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Jobs.ErrorReads, Is.Empty);
            Assert.That(result.Items.Select(i => (i.Outcome.Status, i.Outcome.JobConfirmation)), Is.All.EqualTo((KlaviyoItemStatus.Accepted, KlaviyoJobConfirmation.Confirmed)));
        });
    }

    [Test]
    public async Task An_error_that_matches_no_item_leaves_the_others_unconfirmed_rather_than_confirmed()
    {
        _h.Jobs.Default = new ImportJobStatus(ImportJobState.Complete, 3, 2, 1);
        _h.Jobs.Page("job-1", null, new ImportErrorPage([ErrorAt("/data", "Something", new { email = "stranger@shop.test" })], null));
        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 3).Select(i => BulkHarness.Profile(i)), Track));
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => (i.Outcome.Status, i.Outcome.JobConfirmation)), Is.All.EqualTo((KlaviyoItemStatus.Accepted, KlaviyoJobConfirmation.Unconfirmed)));
            Assert.That(result.Items[0].Outcome.Reason, Does.Contain("could not be matched"));
        });
    }

    [Test]
    public async Task A_cancelled_job_fails_its_items_except_those_it_rejected()
    {
        _h.Jobs.Default = new ImportJobStatus(ImportJobState.Cancelled);
        _h.Jobs.Page("job-1", null, new ImportErrorPage([ErrorAt("/data/attributes/profiles/data/0", "bad")], null));
        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync(Enumerable.Range(0, 3).Select(i => BulkHarness.Profile(i)), Track));
        Assert.Multiple(() =>
        {
            Assert.That(result.Items.Select(i => i.Outcome.Status), Is.EqualTo(new[] { KlaviyoItemStatus.Rejected, KlaviyoItemStatus.Failed, KlaviyoItemStatus.Failed }));
            Assert.That(result.Items[1].Outcome.Reason, Is.EqualTo("Klaviyo cancelled the import job"));
        });
    }

    [Test]
    public async Task Each_job_is_followed_separately()
    {
        _h.Jobs.Script("job-1", new ImportJobStatus(ImportJobState.Complete, FailedCount: 0));
        _h.Jobs.Script("job-2", new ImportJobStatus(ImportJobState.Processing), new ImportJobStatus(ImportJobState.Complete, FailedCount: 1));
        _h.Jobs.Page("job-2", null, new ImportErrorPage([ErrorAt("/data/attributes/profiles/data/0", "bad")], null));
        var profiles = new[] { BulkHarness.Profile(0, "LA"), BulkHarness.Profile(1, "LB") };
        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync(profiles, Track));
        var jobOf = _h.ProfileImport.Requests.ToDictionary(r => r.Key.ListId!, r => "job-" + r.Number);
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.JobId, Is.EqualTo(jobOf["LA"]));
            Assert.That(result.Items[1].Outcome.JobId, Is.EqualTo(jobOf["LB"]));
            Assert.That(result.Items.Single(i => i.Outcome.JobId == "job-2").Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Rejected));
            Assert.That(result.Items.Single(i => i.Outcome.JobId == "job-1").Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Confirmed));
        });
    }

    [Test]
    public async Task A_job_that_cannot_be_read_stays_unconfirmed()
    {
        var tracker = new ThrowingTracker(BulkHarness.Refusal(HttpStatusCode.NotFound));
        var bulk = new KlaviyoBulkClient(
            new KlaviyoBulkEndpoints
            {
                ProfileImport = _h.ProfileImport, EventCreate = _h.Events, Subscribe = _h.Subscribe, Unsubscribe = _h.Unsubscribe,
                ListRemove = _h.ListRemove, ProfileLookup = _h.Lookup, ImportJobs = tracker,
            },
            timeProvider: _h.Clock);
        var result = await PumpAsync(bulk.UpsertProfilesAsync([BulkHarness.Profile(0)], Track));
        Assert.Multiple(() =>
        {
            Assert.That(result.Items[0].Outcome.Status, Is.EqualTo(KlaviyoItemStatus.Accepted));
            Assert.That(result.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Unconfirmed));
            Assert.That(result.Items[0].Outcome.Reason, Does.Contain("404"));
        });
    }

    [Test]
    public async Task Without_tracking_items_carry_the_job_id_and_say_not_tracked()
    {
        var result = await _h.CreateClient().UpsertProfilesAsync([BulkHarness.Profile(0)]);
        Assert.Multiple(() =>
        {
            Assert.That(_h.Jobs.Reads, Is.Empty);
            Assert.That(result.Items[0].Outcome.JobId, Is.EqualTo("job-1"));
            Assert.That(result.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.NotTracked));
        });
    }

    [Test]
    public async Task Tracking_turned_on_in_options_applies_to_every_call()
    {
        _h.Options.TrackImportJobs = true;
        var result = await PumpAsync(_h.CreateClient().UpsertProfilesAsync([BulkHarness.Profile(0)]));
        Assert.Multiple(() =>
        {
            Assert.That(_h.Jobs.Reads, Has.Count.EqualTo(1));
            Assert.That(result.Items[0].Outcome.JobConfirmation, Is.EqualTo(KlaviyoJobConfirmation.Confirmed));
        });
    }

    private sealed class ThrowingTracker(Exception exception) : IImportJobTracker
    {
        public Task<ImportJobStatus> GetJobAsync(string jobId, CancellationToken cancellationToken) => Task.FromException<ImportJobStatus>(exception);

        public Task<ImportErrorPage> GetImportErrorsAsync(string jobId, string? cursor, CancellationToken cancellationToken) => Task.FromException<ImportErrorPage>(exception);
    }
}
