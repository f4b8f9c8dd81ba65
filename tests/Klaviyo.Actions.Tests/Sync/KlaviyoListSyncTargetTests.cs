using System.Net;
using System.Text.Json;
using Klaviyo.Actions.Sync;
using Klaviyo.Actions.Tests.Api.Support;
using Klaviyo.Actions.Tests.Batching.Wire.Support;
using Klaviyo.Actions.Tests.Client.Support;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Sync;

/// <summary>The list-sync target over a real client and a MockHttp Klaviyo: request bodies, outcomes and error mapping.</summary>
public sealed class KlaviyoListSyncTargetTests
{
    private const string ListId = "Y6nRLr";
    private const string ListPath = "/api/lists/" + ListId;
    private static readonly TimeSpan PollStep = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Validate_reads_the_list()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Get, ListPath, (_, _) => BulkWireMock.Json(HttpStatusCode.OK, ListBody(ListId)));

        await Target(mock).ValidateAsync(ListId, CancellationToken.None);

        Assert.That(mock.Requests.Select(r => r.Method.Method + " " + r.Path), Is.EqualTo(new[] { "GET " + ListPath }));
    }

    [TestCase("Y6nRL")]
    [TestCase("Y6nRLr1")]
    [TestCase("Y6nR-r")]
    public void Validate_refuses_a_malformed_list_id_before_sending(string listId)
    {
        var mock = new BulkWireMock();

        var error = Assert.ThrowsAsync<KlaviyoValidationException>(() => Target(mock).ValidateAsync(listId, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Errors.Select(e => (e.Field, e.Rule)), Is.EqualTo(new[] { ("list_id", "list_id_format") }));
            Assert.That(mock.Requests, Is.Empty);
        });
    }

    [TestCase(HttpStatusCode.Unauthorized, "authentication_failed")]
    [TestCase(HttpStatusCode.Forbidden, "permission_denied")]
    [TestCase(HttpStatusCode.NotFound, "not_found")]
    public void Validate_throws_the_status_Klaviyo_answered_without_the_key(HttpStatusCode status, string code)
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Get, ListPath, (_, _) => ErrorBody(status, code, "/data"));

        var error = Assert.ThrowsAsync<KlaviyoApiException>(() => Target(mock).ValidateAsync(ListId, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(status));
            Assert.That(error.Errors.Select(e => e.Code), Is.EqualTo(new[] { code }));
            Assert.That(error.ToString(), Does.Not.Contain(KlaviyoApiMock.ApiKey));
        });
    }

    [Test]
    public async Task Additions_are_one_import_job_with_the_list_relationship_followed_to_completion_and_no_look_ups()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB1", "complete", 3, 3)));
        SegmentMember[] members =
        [
            new SegmentMember("ann@shop.test").Resolve(),
            new SegmentMember("crm-7", phoneNumber: "+14155552671").Resolve(),
            new SegmentMember("crm-8", email: "Bo@Shop.test").Resolve(),
        ];

        var outcomes = await mock.Clock.RunAsync(Target(mock).AddOrUpdateMembersAsync(ListId, members, CancellationToken.None), PollStep);

        var job = mock.To(HttpMethod.Post, BulkWireMock.ImportPath).Single();
        JsonAssert.AreEquivalent("""
            {"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[
              {"type":"profile","attributes":{"email":"ann@shop.test"}},
              {"type":"profile","attributes":{"phone_number":"+14155552671","external_id":"crm-7"}},
              {"type":"profile","attributes":{"email":"bo@shop.test","external_id":"crm-8"}}]}},
             "relationships":{"lists":{"data":[{"type":"list","id":"Y6nRLr"}]}}}}
            """, job.Body!);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[]
            {
                ListSyncMemberOutcome.Accepted("ann@shop.test"),
                ListSyncMemberOutcome.Accepted("crm-7"),
                ListSyncMemberOutcome.Accepted("crm-8"),
            }));
            Assert.That(mock.To(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1"), Has.Count.EqualTo(1), "the job was followed");
            Assert.That(mock.To(HttpMethod.Get, "/api/profiles"), Is.Empty, "no per-profile look-ups");
        });
    }

    [Test]
    public async Task Ten_thousand_and_one_members_take_two_jobs()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        var members = Enumerable.Range(0, 10_001).Select(i => new SegmentMember($"user{i}@shop.test").Resolve()).ToList();

        var outcomes = await new KlaviyoListSyncTarget(mock.CreateClient(), new KlaviyoListSyncTargetOptions { TrackImportJobs = false })
            .AddOrUpdateMembersAsync(ListId, members, CancellationToken.None);

        var jobs = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(jobs.Select(j => j.Json.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data").GetArrayLength()).Order(), Is.EqualTo(new[] { 1, 10_000 }));
            Assert.That(outcomes.Select(o => o.Kind), Is.All.EqualTo(ListSyncMemberOutcomeKind.Accepted));
            Assert.That(outcomes.Select(o => o.UserId), Is.EqualTo(members.Select(m => m.UserId)));
        });
    }

    [Test]
    public async Task A_row_Klaviyo_refuses_is_rejected_and_the_others_are_resent_and_accepted()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, n) => n == 1
            ? KlaviyoErrorBodies.BadRequest(("/data/attributes/profiles/data/1/attributes/email", "Invalid email address."))
            : BulkWireMock.Json(HttpStatusCode.Accepted, BulkWireMock.ImportJob("JOB2", "queued")));
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB2", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB2", "complete", 2, 2)));
        SegmentMember[] members = [new SegmentMember("a@shop.test").Resolve(), new SegmentMember("b@shop.test").Resolve(), new SegmentMember("c@shop.test").Resolve()];

        var outcomes = await mock.Clock.RunAsync(Target(mock).AddOrUpdateMembersAsync(ListId, members, CancellationToken.None), PollStep);

        var posts = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EqualTo(new[]
            {
                ListSyncMemberOutcome.Accepted("a@shop.test"),
                ListSyncMemberOutcome.Rejected("b@shop.test", "invalid"),
                ListSyncMemberOutcome.Accepted("c@shop.test"),
            }));
            Assert.That(Emails(posts[1]), Is.EqualTo(new[] { "a@shop.test", "c@shop.test" }));
        });
    }

    [Test]
    public async Task Import_errors_of_a_tracked_job_reject_their_members()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB1", "complete", 2, 1, 1)));
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1/import-errors", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, """
            {"data":[{"type":"import-error","id":"ie-1","attributes":{"code":"invalid","title":"Invalid input.","detail":"Invalid email.",
              "source":{"pointer":"/data/attributes/profiles/data/0/attributes/email"},"original_payload":{"type":"profile","attributes":{"email":"a@shop.test"}}}}],
             "links":{"next":null}}
            """));
        SegmentMember[] members = [new SegmentMember("a@shop.test").Resolve(), new SegmentMember("b@shop.test").Resolve()];

        var outcomes = await mock.Clock.RunAsync(Target(mock).AddOrUpdateMembersAsync(ListId, members, CancellationToken.None), PollStep);

        Assert.That(outcomes, Is.EqualTo(new[] { ListSyncMemberOutcome.Rejected("a@shop.test", "invalid"), ListSyncMemberOutcome.Accepted("b@shop.test") }));
    }

    [TestCase(false, ListSyncMemberOutcomeKind.Failed)]
    [TestCase(true, ListSyncMemberOutcomeKind.Accepted)]
    public async Task A_job_that_does_not_finish_in_time_fails_its_members_unless_unconfirmed_imports_are_accepted(bool acceptUnconfirmed, ListSyncMemberOutcomeKind expected)
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        mock.Respond(HttpMethod.Get, "/api/profile-bulk-import-jobs/JOB1", (_, _) => BulkWireMock.Json(HttpStatusCode.OK, BulkWireMock.ImportJob("JOB1", "processing", 1)));
        var target = new KlaviyoListSyncTarget(mock.CreateClient(), new KlaviyoListSyncTargetOptions { JobTrackingTimeout = TimeSpan.FromMinutes(1), AcceptUnconfirmedImports = acceptUnconfirmed });

        var outcomes = await mock.Clock.RunAsync(target.AddOrUpdateMembersAsync(ListId, [new SegmentMember("a@shop.test").Resolve()], CancellationToken.None), PollStep);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Single().Kind, Is.EqualTo(expected));
            Assert.That(outcomes.Single().ErrorCode, Is.EqualTo(acceptUnconfirmed ? null : "import_job_unconfirmed"));
        });
    }

    [Test]
    public async Task A_member_refused_only_for_its_phone_is_sent_again_without_it_and_a_phone_only_member_is_rejected()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        var target = new KlaviyoListSyncTarget(mock.CreateClient(), new KlaviyoListSyncTargetOptions { TrackImportJobs = false });
        SegmentMember[] members =
        [
            new SegmentMember("a@shop.test", phoneNumber: "12").Resolve(),
            new SegmentMember("b@shop.test").Resolve(),
            new SegmentMember("crm-3", phoneNumber: "not a phone").Resolve() with { ExternalId = null },
        ];

        var outcomes = await target.AddOrUpdateMembersAsync(ListId, members, CancellationToken.None);

        var posts = mock.To(HttpMethod.Post, BulkWireMock.ImportPath);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => (o.UserId, o.Kind, o.ErrorCode)), Is.EqualTo(new[]
            {
                ("a@shop.test", ListSyncMemberOutcomeKind.Accepted, (string?)"phone_number_dropped"),
                ("b@shop.test", ListSyncMemberOutcomeKind.Accepted, null),
                ("crm-3", ListSyncMemberOutcomeKind.Rejected, outcomes[2].ErrorCode),
            }));
            Assert.That(outcomes[2].ErrorCode, Does.StartWith("phone_number:"));
            Assert.That(posts, Has.Count.EqualTo(2));
            JsonAssert.AreEquivalent("""
                {"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[{"type":"profile","attributes":{"email":"a@shop.test"}}]}},
                 "relationships":{"lists":{"data":[{"type":"list","id":"Y6nRLr"}]}}}}
                """, posts[1].Body!);
        });
    }

    [Test]
    public void An_unknown_list_on_import_throws_instead_of_rejecting_every_member()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, _) => KlaviyoErrorBodies.BadRequest(("/data", "List ID Y6nRLr does not exist.")));

        var error = Assert.ThrowsAsync<KlaviyoApiException>(() => Target(mock).AddOrUpdateMembersAsync(ListId, [new SegmentMember("a@shop.test").Resolve(), new SegmentMember("b@shop.test").Resolve()], CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    public void A_key_problem_or_a_transient_status_that_stopped_every_member_is_thrown(HttpStatusCode status)
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (_, _) => ErrorBody(status, "error_" + (int)status, null));

        var error = Assert.ThrowsAsync<KlaviyoApiException>(() => Target(mock).AddOrUpdateMembersAsync(ListId, [new SegmentMember("a@shop.test").Resolve()], CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task When_one_job_of_a_call_fails_transiently_only_its_members_fail_and_the_accepted_job_counts()
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Post, BulkWireMock.ImportPath, (request, n) =>
            request.Json.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data").GetArrayLength() == 1
                ? ErrorBody(HttpStatusCode.ServiceUnavailable, "unavailable", null)
                : BulkWireMock.Json(HttpStatusCode.Accepted, BulkWireMock.ImportJob("JOB" + n, "queued")));
        var members = Enumerable.Range(0, 10_001).Select(i => new SegmentMember($"user{i}@shop.test").Resolve()).ToList();

        var outcomes = await new KlaviyoListSyncTarget(mock.CreateClient(), new KlaviyoListSyncTargetOptions { TrackImportJobs = false })
            .AddOrUpdateMembersAsync(ListId, members, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Take(10_000).Select(o => o.Kind), Is.All.EqualTo(ListSyncMemberOutcomeKind.Accepted));
            Assert.That(outcomes[10_000], Is.EqualTo(ListSyncMemberOutcome.Failed("user10000@shop.test", "unavailable")));
        });
    }

    [Test]
    public void A_cancelled_call_throws_instead_of_reporting_members_as_failed()
    {
        var mock = new BulkWireMock();
        mock.AcceptImportJobs();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            () => Target(mock).AddOrUpdateMembersAsync(ListId, [new SegmentMember("a@shop.test").Resolve()], cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Removals_with_stored_profile_ids_are_deleted_1000_per_call_without_look_ups()
    {
        var mock = new BulkWireMock();
        mock.AcceptListRemovals(ListId);
        var removals = Enumerable.Range(0, 1_500).Select(i => new ListSyncRemoval(new SegmentMember($"u{i}@shop.test").Resolve(), $"01P{i:D5}")).ToList();

        var outcomes = await Target(mock).RemoveMembersAsync(ListId, removals, CancellationToken.None);

        var deletes = mock.To(HttpMethod.Delete, BulkWireMock.ListPath(ListId));
        Assert.Multiple(() =>
        {
            Assert.That(deletes.Select(Ids), Is.EqualTo(new[]
            {
                Enumerable.Range(0, 1_000).Select(i => $"01P{i:D5}").ToArray(),
                Enumerable.Range(1_000, 500).Select(i => $"01P{i:D5}").ToArray(),
            }));
            Assert.That(deletes[0].Json.GetProperty("data")[0].GetProperty("type").GetString(), Is.EqualTo("profile"));
            Assert.That(mock.To(HttpMethod.Get, "/api/profiles"), Is.Empty);
            Assert.That(outcomes.Select(o => (o.UserId, o.Kind, o.ProfileId)), Is.EqualTo(removals.Select(r => (r.Member.UserId, ListSyncMemberOutcomeKind.Accepted, r.ProfileId))));
        });
    }

    [Test]
    public async Task Removals_without_ids_are_resolved_with_batched_any_filters_and_unknown_profiles_count_as_removed()
    {
        var mock = new BulkWireMock();
        mock.Directory.Add("01A", email: "a@shop.test");
        mock.Directory.Add("01B", externalId: "crm-2");
        mock.AcceptListRemovals(ListId);
        ListSyncRemoval[] removals =
        [
            new(new SegmentMember("a@shop.test").Resolve(), null),
            new(new SegmentMember("crm-2").Resolve(), null),
            new(new SegmentMember("gone@shop.test").Resolve(), null),
        ];

        var outcomes = await Target(mock).RemoveMembersAsync(ListId, removals, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Directory.Filters, Is.EqualTo(new[] { "any(external_id,[\"crm-2\"])", "any(email,[\"a@shop.test\",\"gone@shop.test\"])" }));
            Assert.That(mock.To(HttpMethod.Delete, BulkWireMock.ListPath(ListId)).Select(Ids).Single(), Is.EquivalentTo(new[] { "01A", "01B" }));
            Assert.That(outcomes, Is.EqualTo(new[]
            {
                ListSyncMemberOutcome.Accepted("a@shop.test", "01A"),
                ListSyncMemberOutcome.Accepted("crm-2", "01B"),
                ListSyncMemberOutcome.Accepted("gone@shop.test"),
            }));
        });
    }

    [Test]
    public async Task A_removal_whose_stored_phone_is_refused_is_resolved_by_its_other_identifiers()
    {
        var mock = new BulkWireMock();
        mock.Directory.Add("01A", email: "a@shop.test");
        mock.AcceptListRemovals(ListId);

        var outcomes = await Target(mock).RemoveMembersAsync(ListId, [new ListSyncRemoval(new SegmentMember("a@shop.test", phoneNumber: "12").Resolve(), null)], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(mock.Directory.Filters, Is.EqualTo(new[] { "any(email,[\"a@shop.test\"])" }));
            Assert.That(mock.To(HttpMethod.Delete, BulkWireMock.ListPath(ListId)).Select(Ids).Single(), Is.EqualTo(new[] { "01A" }));
            Assert.That(outcomes, Is.EqualTo(new[] { ListSyncMemberOutcome.Accepted("a@shop.test", "01A") }));
        });
    }

    [Test]
    public async Task Stored_ids_Klaviyo_refuses_as_a_whole_fall_back_to_the_identifiers()
    {
        var mock = new BulkWireMock();
        mock.Directory.Add("01NEW", email: "a@shop.test");
        mock.Respond(HttpMethod.Delete, BulkWireMock.ListPath(ListId), (request, _) => Ids(request).Contains("01OLD")
            ? KlaviyoErrorBodies.BadRequest(("/data/0/id", "Invalid profile id."))
            : new HttpResponseMessage(HttpStatusCode.NoContent));

        var outcomes = await Target(mock).RemoveMembersAsync(ListId, [new ListSyncRemoval(new SegmentMember("a@shop.test").Resolve(), "01OLD")], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(mock.To(HttpMethod.Delete, BulkWireMock.ListPath(ListId)).Select(Ids), Is.EqualTo(new[] { new[] { "01OLD" }, new[] { "01NEW" } }));
            Assert.That(outcomes, Is.EqualTo(new[] { ListSyncMemberOutcome.Accepted("a@shop.test", "01NEW") }));
        });
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public void A_removal_call_Klaviyo_refuses_as_a_whole_is_thrown(HttpStatusCode status)
    {
        var mock = new BulkWireMock();
        mock.Respond(HttpMethod.Delete, BulkWireMock.ListPath(ListId), (_, _) => ErrorBody(status, "error_" + (int)status, null));

        var error = Assert.ThrowsAsync<KlaviyoApiException>(() => Target(mock).RemoveMembersAsync(ListId, [new ListSyncRemoval(new SegmentMember("a@shop.test").Resolve(), "01A")], CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public void A_look_up_refused_for_the_key_is_thrown()
    {
        var mock = new BulkWireMock();
        mock.Directory.Override = _ => ErrorBody(HttpStatusCode.Forbidden, "permission_denied", null);

        var error = Assert.ThrowsAsync<KlaviyoApiException>(() => Target(mock).RemoveMembersAsync(ListId, [new ListSyncRemoval(new SegmentMember("a@shop.test").Resolve(), null)], CancellationToken.None));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private static KlaviyoListSyncTarget Target(BulkWireMock mock) => new(mock.CreateClient());

    private static string[] Ids(CapturedRequest request) =>
        [.. request.Json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    private static string[] Emails(CapturedRequest request) =>
        [.. request.Json.GetProperty("data").GetProperty("attributes").GetProperty("profiles").GetProperty("data").EnumerateArray()
            .Select(p => p.GetProperty("attributes").GetProperty("email").GetString()!)];

    private static string ListBody(string id) =>
        JsonSerializer.Serialize(new { data = new { type = "list", id, attributes = new { name = "VIP", opt_in_process = "single_opt_in" } } });

    private static HttpResponseMessage ErrorBody(HttpStatusCode status, string code, string? pointer) =>
        BulkWireMock.Json(status, JsonSerializer.Serialize(new
        {
            errors = new[]
            {
                new { id = "e-1", status = (int)status, code, title = "Error.", detail = "Something went wrong.", source = pointer is null ? null : new { pointer } },
            },
        }));
}
