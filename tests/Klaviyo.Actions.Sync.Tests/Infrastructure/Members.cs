using System.Runtime.CompilerServices;

namespace Klaviyo.Actions.Sync.Tests.Infrastructure;

/// <summary>Membership streams for tests.</summary>
public static class Members
{
    /// <summary>Streams the given members, yielding to the scheduler now and then like a real reader.</summary>
    public static async IAsyncEnumerable<SegmentMember> Stream(IEnumerable<SegmentMember> members, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int i = 0;
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++i % 1000 == 0)
            {
                await Task.Yield();
            }

            yield return member;
        }
    }

    /// <summary>Members with email user ids: <c>user{n}@example.com</c>.</summary>
    public static IEnumerable<SegmentMember> Emails(params int[] numbers) => numbers.Select(n => new SegmentMember($"user{n}@example.com"));

    /// <summary>Members with email user ids for a range.</summary>
    public static IEnumerable<SegmentMember> EmailRange(int start, int count) => Enumerable.Range(start, count).Select(n => new SegmentMember($"user{n}@example.com"));

    /// <summary>A stream that counts how often it was enumerated.</summary>
    public sealed class CountingMembership(IEnumerable<SegmentMember> members) : IAsyncEnumerable<SegmentMember>
    {
        public int Enumerations { get; private set; }

        public IAsyncEnumerator<SegmentMember> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            Enumerations++;
            return Stream(members, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
    }

    /// <summary>A stream that fails after yielding some members (a reader crashing mid-way).</summary>
    public static async IAsyncEnumerable<SegmentMember> FailingAfter(IEnumerable<SegmentMember> members, int count, Exception failure)
    {
        int i = 0;
        foreach (var member in members)
        {
            if (i++ == count)
            {
                throw failure;
            }

            await Task.Yield();
            yield return member;
        }

        throw failure;
    }
}
