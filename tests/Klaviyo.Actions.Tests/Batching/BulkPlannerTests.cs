using Klaviyo.Actions.Batching;
using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Batching;

public class BulkPlannerTests
{
    private static BulkEndpointDescriptor Descriptor(string kind) => BulkEndpointDescriptor.For(Enum.Parse<BulkEndpointKind>(kind));

    private static List<PlannedPart<int>> Parts(int count, Func<int, BulkPartMeasure> measure) =>
        Enumerable.Range(0, count).Select(i => new PlannedPart<int>(i, i, measure(i))).ToList();

    private static (List<BulkChunk<int>> Chunks, List<PlannedPart<int>> Oversized) Plan(BulkEndpointDescriptor endpoint, List<PlannedPart<int>> parts, int envelope = 100)
    {
        var chunks = new List<BulkChunk<int>>();
        var oversized = new List<PlannedPart<int>>();
        BulkPlanner.Plan(endpoint, BulkGroupKey.None, envelope, parts, chunks, oversized);
        return (chunks, oversized);
    }

    private static IEnumerable<TestCaseData> CountLimits()
    {
        yield return new TestCaseData("ProfileImport", 10_000).SetName("Profile import splits at 10,000 profiles");
        yield return new TestCaseData("EventCreate", 1_000).SetName("Bulk events split at 1,000 events");
        yield return new TestCaseData("Subscribe", 1_000).SetName("Subscribe splits at 1,000 profiles");
        yield return new TestCaseData("Unsubscribe", 100).SetName("Unsubscribe splits at 100 profiles");
        yield return new TestCaseData("ListAdd", 1_000).SetName("List add splits at 1,000 ids");
        yield return new TestCaseData("ListRemove", 1_000).SetName("List remove splits at 1,000 ids");
    }

    [TestCaseSource(nameof(CountLimits))]
    public void Count_limit_minus_one_exact_and_plus_one(string kind, int limit)
    {
        var endpoint = Descriptor(kind);
        Assert.Multiple(() =>
        {
            Assert.That(Plan(endpoint, Parts(limit - 1, _ => new(10))).Chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { limit - 1 }));
            Assert.That(Plan(endpoint, Parts(limit, _ => new(10))).Chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { limit }));
            Assert.That(Plan(endpoint, Parts(limit + 1, _ => new(10))).Chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { limit, 1 }));
        });
    }

    private static IEnumerable<TestCaseData> AllEndpoints() =>
        new[] { "EventCreate", "ListAdd", "ListRemove" }.Select(d => new TestCaseData(d).SetName("Byte limit of " + d + " is exact"));

    [TestCaseSource(nameof(AllEndpoints))]
    public void Request_byte_limit_is_exact_to_the_byte(string kind)
    {
        var endpoint = Descriptor(kind);
        // envelope 100 + 50 rows of S bytes + 49 commas = 5,000,000 exactly when the last row takes the slack.
        const int rows = 50;
        int envelope = 100;
        int available = KlaviyoBulkLimits.MaxRequestBytes - envelope - (rows - 1);
        int size = available / rows;
        int last = available - (size * (rows - 1));
        var exact = Plan(endpoint, Parts(rows, i => new(i == rows - 1 ? last : size)), envelope);
        var over = Plan(endpoint, Parts(rows, i => new(i == rows - 1 ? last + 1 : size)), envelope);
        var under = Plan(endpoint, Parts(rows, i => new(i == rows - 1 ? last - 1 : size)), envelope);
        Assert.Multiple(() =>
        {
            Assert.That(exact.Chunks, Has.Count.EqualTo(1));
            Assert.That(exact.Chunks[0].Bytes, Is.EqualTo(KlaviyoBulkLimits.MaxRequestBytes));
            Assert.That(under.Chunks, Has.Count.EqualTo(1));
            Assert.That(over.Chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { rows - 1, 1 }));
        });
    }

    private static IEnumerable<TestCaseData> CappedEndpoints() =>
        new[] { "ProfileImport", "Subscribe", "Unsubscribe" }
            .Select(d => new TestCaseData(d).SetName("Byte limit of " + d + " with 100 KB rows is exact"));

    [TestCaseSource(nameof(CappedEndpoints))]
    public void Request_byte_limit_is_exact_with_rows_at_the_profile_cap(string kind)
    {
        var endpoint = Descriptor(kind);
        // 49 rows of 100,000 bytes + 48 commas + envelope; the 50th row decides whether 5,000,000 is passed.
        int envelope = 100;
        int fixedRows = Math.Min(49, endpoint.MaxParts - 1);
        long used = envelope + (fixedRows * 100_000L) + (fixedRows - 1) + 1;
        int last = (int)(KlaviyoBulkLimits.MaxRequestBytes - used);
        var exact = Plan(endpoint, Parts(fixedRows + 1, i => new(i == fixedRows ? last : 100_000)), envelope);
        var over = Plan(endpoint, Parts(fixedRows + 1, i => new(i == fixedRows ? last + 1 : 100_000)), envelope);
        Assert.Multiple(() =>
        {
            Assert.That(exact.Chunks, Has.Count.EqualTo(1));
            Assert.That(exact.Chunks[0].Bytes, Is.EqualTo(KlaviyoBulkLimits.MaxRequestBytes));
            Assert.That(over.Chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { fixedRows, 1 }));
        });
    }

    [Test]
    public void A_profile_of_100_000_bytes_is_planned_and_one_byte_more_is_set_aside()
    {
        var (chunks, oversized) = Plan(BulkEndpointDescriptor.ProfileImport, Parts(3, i => new(i == 1 ? 100_001 : 100_000)));
        Assert.Multiple(() =>
        {
            Assert.That(oversized.Select(p => p.ItemIndex), Is.EqualTo(new[] { 1 }));
            Assert.That(chunks.SelectMany(c => c.Rows).SelectMany(r => r.Planned).Select(p => p.ItemIndex), Is.EqualTo(new[] { 0, 2 }));
        });
    }

    [Test]
    public void An_event_larger_than_a_request_is_set_aside()
    {
        var (chunks, oversized) = Plan(BulkEndpointDescriptor.EventCreate, Parts(2, i => new(i == 0 ? 4_999_900 : 4_999_901)), envelope: 100);
        Assert.Multiple(() =>
        {
            Assert.That(chunks.Single().Rows.Single().Planned.Single().ItemIndex, Is.Zero);
            Assert.That(oversized.Single().ItemIndex, Is.EqualTo(1));
        });
    }

    [Test]
    public void Events_of_one_profile_share_a_row_and_still_count_one_each()
    {
        // 1,001 events of the same profile: one row in the first request (1,000 events), one in the second.
        var parts = Parts(1_001, _ => new(150, MergeKey: "profile-a", MergedBytes: 81));
        var (chunks, _) = Plan(BulkEndpointDescriptor.EventCreate, parts);
        Assert.Multiple(() =>
        {
            Assert.That(chunks.Select(c => c.Rows.Count), Is.EqualTo(new[] { 1, 1 }));
            Assert.That(chunks.Select(c => c.TotalParts), Is.EqualTo(new[] { 1_000, 1 }));
            Assert.That(chunks[0].Bytes, Is.EqualTo(100 + 150 + (999 * 81)));
        });
    }

    [Test]
    public void Merged_rows_are_sized_by_their_merged_bytes_to_the_byte()
    {
        // envelope 100 + first event 1,000 + 498 merged events of 10,000 + one last merged event taking the slack.
        const int merged = 10_000, others = 498;
        int slack = KlaviyoBulkLimits.MaxRequestBytes - 100 - 1_000 - (others * merged);
        var parts = Parts(others + 2, i => new(1_000, MergeKey: "p", MergedBytes: i == others + 1 ? slack : merged));
        var exact = Plan(BulkEndpointDescriptor.EventCreate, parts);
        var overParts = Parts(others + 2, i => new(1_000, MergeKey: "p", MergedBytes: i == others + 1 ? slack + 1 : merged));
        var over = Plan(BulkEndpointDescriptor.EventCreate, overParts);
        Assert.Multiple(() =>
        {
            Assert.That(exact.Chunks, Has.Count.EqualTo(1));
            Assert.That(exact.Chunks[0].Bytes, Is.EqualTo(KlaviyoBulkLimits.MaxRequestBytes));
            Assert.That(over.Chunks, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Duplicate_profile_ids_collapse_and_do_not_count_against_the_list_limit()
    {
        // 1,000 distinct ids plus 500 repeats: one request of 1,000 rows.
        var parts = Parts(1_500, i => new(30, MergeKey: "id" + (i % 1_000), MergedBytes: 0));
        var (chunks, _) = Plan(BulkEndpointDescriptor.ListRemove, parts);
        Assert.Multiple(() =>
        {
            Assert.That(chunks, Has.Count.EqualTo(1));
            Assert.That(chunks[0].Rows, Has.Count.EqualTo(1_000));
            Assert.That(chunks[0].Rows[0].Planned.Select(p => p.ItemIndex), Is.EqualTo(new[] { 0, 1_000 }));
        });
    }

    [Test]
    public void Parts_with_the_same_conflict_key_go_to_different_requests_in_order()
    {
        var parts = Parts(4, i => new(10, ConflictKey: i is 0 or 2 ? "same-unique-id" : "k" + i));
        var (chunks, _) = Plan(BulkEndpointDescriptor.EventCreate, parts);
        Assert.Multiple(() =>
        {
            Assert.That(chunks, Has.Count.EqualTo(2));
            Assert.That(chunks[0].Rows.SelectMany(r => r.Planned).Select(p => p.ItemIndex), Is.EqualTo(new[] { 0, 1, 3 }));
            Assert.That(chunks[1].Rows.SelectMany(r => r.Planned).Select(p => p.ItemIndex), Is.EqualTo(new[] { 2 }));
        });
    }

    [Test]
    public void Input_order_is_kept_across_requests()
    {
        var (chunks, _) = Plan(BulkEndpointDescriptor.Unsubscribe, Parts(250, _ => new(10)));
        Assert.That(chunks.SelectMany(c => c.Rows).Select(r => r.Planned[0].ItemIndex), Is.EqualTo(Enumerable.Range(0, 250)));
    }

    [TestCase("/data/attributes/profiles/data/3/attributes/email", "ProfileImport", 3, -1)]
    [TestCase("/data/attributes/profiles/data/12", "Subscribe", 12, -1)]
    [TestCase("/data/attributes/events-bulk-create/data/0/attributes/profile", "EventCreate", 0, -1)]
    [TestCase("/data/attributes/events-bulk-create/data/4/attributes/events/data/2/attributes/time", "EventCreate", 4, 2)]
    [TestCase("/data/7", "ListRemove", 7, -1)]
    public void Row_pointers_are_read(string jsonPointer, string endpoint, int row, int part)
    {
        var descriptor = BulkEndpointDescriptor.For(Enum.Parse<BulkEndpointKind>(endpoint));
        Assert.Multiple(() =>
        {
            Assert.That(BulkErrorPointer.TryParse(jsonPointer, descriptor, out int r, out int p), Is.True);
            Assert.That((r, p), Is.EqualTo((row, part)));
        });
    }

    [TestCase("/data", "ProfileImport")]
    [TestCase("/data/", "ProfileImport")]
    [TestCase("/data/relationships/list/data/id", "Subscribe")]
    [TestCase("/data/attributes/profiles/data/x/attributes/email", "ProfileImport")]
    [TestCase("/data/attributes/profiles/data/3x", "ProfileImport")]
    [TestCase("/data/relationships/lists", "ListRemove")]
    [TestCase(null, "EventCreate")]
    public void Request_level_pointers_name_no_row(string? jsonPointer, string endpoint)
    {
        var descriptor = BulkEndpointDescriptor.For(Enum.Parse<BulkEndpointKind>(endpoint));
        Assert.That(BulkErrorPointer.TryParse(jsonPointer, descriptor, out _, out _), Is.False);
    }
}
