using Mesh.Shapes.Scenes;
using Mesh.Localization;

namespace Mesh.Localization.Tests;

public class RowMajorRleTests
{
    static ObjectMask Mask(int width, int height, params int[] on)
    {
        var pixels = new bool[width * height];
        foreach (int p in on) pixels[p] = true;
        return new ObjectMask(width, height, pixels);
    }

    [Fact]
    public void TheContractsExample()
    {
        var mask = Mask(3, 2, 1, 2, 3); // [[0,1,1],[1,0,0]]
        Assert.Equal([1u, 3u, 2u], RowMajorRle.Encode(mask));
    }

    [Fact]
    public void StartsWithAnEmptyRunWhenTheFirstPixelIsInside() =>
        Assert.Equal([0u, 2u, 4u], RowMajorRle.Encode(Mask(3, 2, 0, 1)));

    [Fact]
    public void EmptyAndFullMasks()
    {
        Assert.Equal([6u], RowMajorRle.Encode(Mask(3, 2)));
        Assert.Equal([0u, 6u], RowMajorRle.Encode(Mask(3, 2, 0, 1, 2, 3, 4, 5)));
    }

    [Fact]
    public void SceneMasksRoundTrip()
    {
        var scene = new SceneGenerator().Scene(SceneSplit.Test, 0);
        foreach (var truth in scene.Objects)
        {
            var counts = RowMajorRle.Encode(truth.Mask);
            Assert.Equal((uint)(truth.Mask.Width * truth.Mask.Height), (uint)counts.Sum(c => (long)c));
            var decoded = RowMajorRle.Decode(truth.Mask.Height, truth.Mask.Width, counts);
            Assert.True(decoded.Pixels.SequenceEqual(truth.Mask.Pixels));
            Assert.Equal(truth.Mask.Area, decoded.Area);
        }
    }

    [Theory]
    [InlineData(new uint[] { 1, 3 }, "add up to 4; a 2x3 mask has 6")]
    [InlineData(new uint[] { 1, 3, 2, 1 }, "ends past")]
    public void CountsThatDoNotFillTheMaskAreRefused(uint[] counts, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => RowMajorRle.Decode(2, 3, counts)).Message);

    [Fact]
    public void AnEmptySizeIsRefused() => Assert.Throws<ArgumentException>(() => RowMajorRle.Decode(0, 3, [0]));
}
