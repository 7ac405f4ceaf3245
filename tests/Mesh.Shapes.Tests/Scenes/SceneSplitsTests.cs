using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class SceneSplitsTests
{
    [Fact]
    public void SeedsArePureFunctionsOfSplitAndIndex()
    {
        Assert.Equal(0UL, SceneSplits.Seed(SceneSplit.Train, 0));
        Assert.Equal((1UL << 40) + 5, SceneSplits.Seed(SceneSplit.Validation, 5));
        Assert.Equal((2UL << 40) + 999, SceneSplits.Seed(SceneSplit.Test, 999));
        var generator = new SceneGenerator();
        Assert.Equal(generator.Generate((2UL << 40) + 3).Rgb, generator.Scene(SceneSplit.Test, 3).Rgb);
    }

    [Fact]
    public void SplitsAreDisjoint()
    {
        var validation = Enumerable.Range(0, (int)SceneSplits.ValidationSize).Select(i => SceneSplits.Seed(SceneSplit.Validation, i)).ToHashSet();
        var test = Enumerable.Range(0, (int)SceneSplits.TestSize).Select(i => SceneSplits.Seed(SceneSplit.Test, i)).ToHashSet();
        Assert.Empty(validation.Intersect(test));
        var trainEdges = new[] { 0L, 1, SceneSplits.ValidationSize, SceneSplits.Size(SceneSplit.Train) - 1 }.Select(i => SceneSplits.Seed(SceneSplit.Train, i));
        Assert.Empty(trainEdges.Intersect(validation.Concat(test)));
        Assert.All(validation.Concat(test), seed => Assert.True(seed >= 1UL << 40, "held-out seeds lie above every train seed"));
        Assert.True(SceneSplits.Seed(SceneSplit.Train, SceneSplits.Size(SceneSplit.Train) - 1) < 1UL << 40);
    }

    [Fact]
    public void IndicesOutsideASplitAreRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SceneSplits.Seed(SceneSplit.Test, SceneSplits.TestSize));
        Assert.Contains("test split has scenes 0 to 999", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneSplits.Seed(SceneSplit.Validation, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneSplits.Seed(SceneSplit.Train, 1L << 40));
    }
}
