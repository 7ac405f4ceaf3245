using Mesh.Judging;

namespace Mesh.Judging.Tests;

public class ScoreSummaryTests
{
    [Fact]
    public void TheStandardDeviationIsThePopulationOne()
    {
        var summary = ScoreSummary.Of([0.2, 0.4, 0.6, 0.8]);
        Assert.Equal(0.5, summary.Mean, 12);
        Assert.Equal(Math.Sqrt(0.05), summary.Std, 12); // mean of squared deviations 0.09, 0.01, 0.01, 0.09
    }

    [Fact]
    public void AnEmptyBatchHasNoSummary() => Assert.Throws<ArgumentException>(() => ScoreSummary.Of([]));

    [Fact]
    public void ABatchSummarisesEachScore()
    {
        var perfect = ObjectMatching.Match([], []);
        var lost = ObjectMatching.Match([new NamedObject("dog", "dog")], []);
        var summary = BatchSummary.Of([perfect, lost]);
        Assert.Equal((0.5, 0.5), (summary.Precision.Mean, summary.Precision.Std));
        Assert.Equal((0.5, 0.5), (summary.Recall.Mean, summary.Recall.Std));
        Assert.Equal((0.5, 0.5), (summary.F1.Mean, summary.F1.Std));
    }
}
