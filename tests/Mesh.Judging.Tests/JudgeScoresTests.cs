using Mesh.Judging;

namespace Mesh.Judging.Tests;

public class JudgeScoresTests
{
    [Fact]
    public void TheWorkedExampleOfThePaperGivesHalfAThirdAndFourTenths()
    {
        var scores = new JudgeScores(TruePositives: 3, FalsePositives: 3, FalseNegatives: 6);
        Assert.Equal(0.5, scores.Precision, 12);
        Assert.Equal(1.0 / 3, scores.Recall, 12);
        Assert.Equal(0.4, scores.F1, 12);
    }

    [Fact]
    public void BothListsEmptyScoreOne()
    {
        var scores = new JudgeScores(0, 0, 0);
        Assert.Equal((1.0, 1.0, 1.0), (scores.Precision, scores.Recall, scores.F1));
    }

    [Theory]
    [InlineData(0, 2, 0)] // empty reference, candidate names two objects: all hallucinated
    [InlineData(0, 0, 4)] // empty candidate: everything lost
    [InlineData(0, 2, 4)] // nothing in common
    public void NoMatchScoresZero(int tp, int fp, int fn)
    {
        var scores = new JudgeScores(tp, fp, fn);
        Assert.Equal((0.0, 0.0, 0.0), (scores.Precision, scores.Recall, scores.F1));
    }

    [Fact]
    public void OnlyTruePositivesScoreOne() => Assert.Equal(1.0, new JudgeScores(2, 0, 0).F1);

    [Fact]
    public void ANegativeCountIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new JudgeScores(1, -1, 0));
}
