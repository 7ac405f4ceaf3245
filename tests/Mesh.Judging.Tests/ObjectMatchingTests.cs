using Mesh.Judging;

namespace Mesh.Judging.Tests;

public class ObjectMatchingTests
{
    static NamedObject O(string canonical, string? surface = null) => new(canonical, surface ?? canonical);

    [Fact]
    public void SplitsIntoMatchesLostAndHallucinatedInOrderOfMention()
    {
        var result = ObjectMatching.Match(
            [O("person", "man"), O("dog"), O("frisbee")],
            [O("cat"), O("dog", "puppy"), O("person")]);
        Assert.Equal(["person", "dog", "frisbee"], result.ReferenceObjects);
        Assert.Equal(["cat", "dog", "person"], result.CandidateObjects);
        Assert.Equal([new ObjectPair("man", "person"), new ObjectPair("dog", "puppy")], result.TruePositives);
        Assert.Equal(["frisbee"], result.FalseNegatives);
        Assert.Equal(["cat"], result.FalsePositives);
        Assert.Equal(new JudgeScores(2, 1, 1), result.Scores);
    }

    [Fact]
    public void AnObjectNamedTwiceCountsOnceUnderItsFirstName()
    {
        var result = ObjectMatching.Match([O("dog"), O("dog", "puppy")], [O("dog", "hound"), O("dog")]);
        Assert.Equal(["dog"], result.ReferenceObjects);
        Assert.Equal([new ObjectPair("dog", "hound")], result.TruePositives);
        Assert.Equal(new JudgeScores(1, 0, 0), result.Scores);
    }
}
