using System.Text;
using Klaviyo.Actions.Mapping;

namespace Klaviyo.Actions.IntegrationTests.EndToEnd.Fuzz;

/// <summary>What an SDK result must look like for a generated input.</summary>
internal static class FuzzExpectations
{
    /// <summary>Texts that must never appear in a reason: the personal data the corpus uses as property names.</summary>
    private static readonly string[] PersonalData = ["@example.com", "+1 415 555"];

    /// <summary>Every way <paramref name="result"/> differs from what <paramref name="input"/> must give; empty when it is right.</summary>
    public static IEnumerable<string> Check(FuzzInput input, EventResult result)
    {
        if (input.MustBeUnreadable)
        {
            if (result.Error is not { } error)
            {
                yield return $"{input}: read, but must be refused";
                yield break;
            }

            if (input.UnreadableField is { } field && error.Field != field)
            {
                yield return $"{input}: field {error.Field}, expected {field}";
            }

            if (input.UnreadableRule is { } rule && error.Rule != rule)
            {
                yield return $"{input}: rule {error.Rule}, expected {rule}";
            }
        }

        if (input.MustBeReadable && result.Error is { } unexpected)
        {
            yield return $"{input}: refused ({unexpected.Field}: {unexpected.Rule}), but must be read";
        }

        if (input.MustBeReadable && input.MessageId != result.MessageId)
        {
            yield return $"{input}: messageId {result.MessageId}";
        }

        foreach (var failed in result.Outcomes.OfType<FailedOutcome>().Where(f => f.Exception is not null))
        {
            yield return $"{input}: routing threw {failed.Exception!.GetType().Name}";
        }

        if (input.Kind == FuzzKind.Valid && result.Outcomes.Any(o => o is InvalidOutcome or FailedOutcome))
        {
            yield return $"{input}: a valid event was not sent: {string.Join("; ", result.Outcomes)}";
        }

        string text = Describe(result);
        foreach (string personal in PersonalData.Where(p => text.Contains(p, StringComparison.Ordinal)))
        {
            yield return $"{input}: the result quotes '{personal}'";
        }
    }

    /// <summary>Every text of a result a user or a log could see.</summary>
    public static string Describe(EventResult result)
    {
        var text = new StringBuilder(result.ToString());
        if (result.Error is { } error)
        {
            text.Append(' ').Append(error.Field).Append(' ').Append(error.Message);
        }

        foreach (var outcome in result.Outcomes)
        {
            text.Append(' ').Append(outcome);
            if (outcome is InvalidOutcome invalid)
            {
                text.AppendJoin(' ', invalid.Errors.Select(e => $"{e.Field} {e.Rule} {e.Message}"));
            }
        }

        return text.ToString();
    }

    /// <summary>Inputs and outcomes per kind, for the test log.</summary>
    public static string Tally(IReadOnlyList<FuzzInput> corpus, IReadOnlyList<EventResult> results)
    {
        var resultByIndex = results.ToDictionary(r => r.Index);
        var lines = corpus.GroupBy(i => i.Kind).OrderBy(g => g.Key).Select(g =>
        {
            var mine = g.Select(i => resultByIndex[i.Index]).ToList();
            return $"{g.Key,-20} {g.Count(),6} inputs: {mine.Count(r => r.Error is not null),6} unreadable, "
                + $"{mine.Sum(r => r.Outcomes.Count(o => o.Kind == MappingOutcomeKind.Sent)),6} sent, "
                + $"{mine.Sum(r => r.Outcomes.Count(o => o.Kind == MappingOutcomeKind.Invalid)),6} invalid, "
                + $"{mine.Sum(r => r.Outcomes.Count(o => o.Kind == MappingOutcomeKind.Failed)),6} failed";
        });
        return string.Join(Environment.NewLine, lines);
    }
}
