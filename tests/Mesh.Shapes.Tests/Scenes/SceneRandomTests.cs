using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class SceneRandomTests
{
    [Fact]
    public void IsSplitMix64()
    {
        // First outputs of the reference splitmix64.c (Vigna) for seed 0.
        var random = new SceneRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextULong());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextULong());
    }

    [Fact]
    public void StreamsOfOneSeedDifferAndRepeat()
    {
        Assert.Equal(SceneRandom.For(7, 1).NextULong(), SceneRandom.For(7, 1).NextULong());
        Assert.NotEqual(SceneRandom.For(7, 1).NextULong(), SceneRandom.For(7, 2).NextULong());
        Assert.NotEqual(SceneRandom.For(7, 1).NextULong(), SceneRandom.For(8, 1).NextULong());
    }

    [Fact]
    public void DrawsStayInRangeAndCoverIt()
    {
        var random = new SceneRandom(3);
        var ints = Enumerable.Range(0, 5000).Select(_ => random.Next(-2, 3)).ToArray();
        Assert.Equal([-2, -1, 0, 1, 2, 3], ints.Distinct().Order());
        var doubles = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        Assert.All(doubles, d => Assert.InRange(d, 0, 1 - 1e-17));
        Assert.InRange(doubles.Average(), 0.48, 0.52);
    }

    [Fact]
    public void SampleDrawsDistinctItems()
    {
        var picked = new SceneRandom(5).Sample(Enumerable.Range(0, 9).ToArray(), 9);
        Assert.Equal(Enumerable.Range(0, 9), picked.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SceneRandom(5).Sample([1, 2], 3));
        Assert.Throws<ArgumentException>(() => new SceneRandom(5).Pick(Array.Empty<int>()));
    }
}
