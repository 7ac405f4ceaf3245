namespace Mesh.Judging;

/// <summary>Mean and population standard deviation of one score over a batch.</summary>
public readonly record struct ScoreSummary(double Mean, double Std)
{
    /// <summary>The summary of <paramref name="values"/>; throws when there are none (a mean over nothing is undefined).</summary>
    public static ScoreSummary Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("a score summary needs at least one value", nameof(values));
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return new ScoreSummary(mean, Math.Sqrt(variance));
    }
}

/// <summary>Precision, recall and F1 summarised over a batch of results (docs/paper.md section 4: per image, then mean and std).</summary>
public sealed record BatchSummary(ScoreSummary Precision, ScoreSummary Recall, ScoreSummary F1)
{
    /// <summary>The summary of <paramref name="results"/> (at least one).</summary>
    public static BatchSummary Of(IReadOnlyCollection<JudgeResult> results) => new(
        ScoreSummary.Of([.. results.Select(r => r.Scores.Precision)]),
        ScoreSummary.Of([.. results.Select(r => r.Scores.Recall)]),
        ScoreSummary.Of([.. results.Select(r => r.Scores.F1)]));
}
