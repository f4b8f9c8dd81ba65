using NUnit.Framework;

namespace Klaviyo.Actions.Tests.Architecture;

[Explicit("Prints the namespace graph and its cycles; run by hand for the API review figures")]
public sealed class NamespaceGraphReport
{
    [Test]
    public void Print()
    {
        var graph = NamespaceGraph.Read(typeof(KlaviyoClient).Assembly.Location);
        foreach (var (from, targets) in graph.Edges.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"{from} -> {string.Join(", ", targets.Order(StringComparer.Ordinal))}");
        }

        var cycles = graph.Cycles();
        TestContext.Out.WriteLine($"{cycles.Count} cycle group(s)");
        foreach (var cycle in cycles)
        {
            TestContext.Out.WriteLine("  " + string.Join(" <-> ", cycle));
        }
    }
}
