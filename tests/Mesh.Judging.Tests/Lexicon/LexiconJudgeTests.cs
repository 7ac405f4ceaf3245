using Mesh.Judging;
using Mesh.Judging.Lexicon;

namespace Mesh.Judging.Tests.Lexicon;

public class LexiconJudgeTests
{
    readonly LexiconJudge _judge = new();

    [Fact]
    public void TheWorkedExampleOfThePaper()
    {
        // Nine reference objects, six candidate objects, three in common (person, dog, cat under other words).
        var result = _judge.Compare(
            "A man with a dog and a cat beside a horse, a bus, a car, a bench, a clock and a vase.",
            "A woman with a puppy and a kitten; a train, a boat and a kite.");
        Assert.Equal([new ObjectPair("man", "woman"), new ObjectPair("dog", "puppy"), new ObjectPair("cat", "kitten")], result.TruePositives);
        Assert.Equal(["horse", "bus", "car", "bench", "clock", "vase"], result.FalseNegatives);
        Assert.Equal(["train", "boat", "kite"], result.FalsePositives);
        Assert.Equal(0.5, result.Scores.Precision, 12);
        Assert.Equal(0.33, result.Scores.Recall, 2);
        Assert.Equal(0.4, result.Scores.F1, 12);
    }

    [Fact]
    public void ASceneDescriptionScoredAgainstAnotherIgnoresColoursSizesAndPlaces()
    {
        var result = _judge.Compare(
            "a large red circle at the top left and a small blue square in the center",
            "a small green square at the bottom and a large white star on the right");
        Assert.Equal([new ObjectPair("square", "square")], result.TruePositives);
        Assert.Equal(["circle"], result.FalseNegatives);
        Assert.Equal(["star"], result.FalsePositives);
    }

    [Theory]
    [InlineData("", "", 1.0)]
    [InlineData("the sky over a road", "soft lighting", 1.0)] // no physical objects on either side
    [InlineData("", "a dog", 0.0)]
    [InlineData("a dog", "", 0.0)]
    public void EmptyObjectListsFollowThePaper(string reference, string candidate, double f1) =>
        Assert.Equal(f1, _judge.Compare(reference, candidate).Scores.F1);

    [Fact]
    public async Task TheAsyncFormGivesTheSameResult()
    {
        var result = await _judge.CompareAsync("two bikes", "a bicycle");
        Assert.Equal(JudgeKind.Lexicon, _judge.Kind);
        Assert.Equal([new ObjectPair("bike", "bicycle")], result.TruePositives);
    }
}
