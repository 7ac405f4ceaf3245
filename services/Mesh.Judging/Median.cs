namespace Mesh.Judging;

/// <summary>The median, beside <see cref="ScoreSummary"/>: the one the benchmarks and the experiments report.</summary>
public static class Median
{
    /// <summary>The middle value of <paramref name="values"/>, or the mean of the middle two for an even count; throws when there are none.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("a median needs at least one value", nameof(values));
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
