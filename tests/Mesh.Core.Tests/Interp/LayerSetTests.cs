using Mesh.Core.Interp;

namespace Mesh.Core.Tests.Interp;

public class LayerSetTests
{
    [Fact]
    public void FromMinusOneIsEveryLayerAndFromLStartsAfterL()
    {
        Assert.Equal(Enumerable.Range(0, 32), LayerSet.From(-1).Enumerate(32));
        Assert.Equal(Enumerable.Range(5, 27), LayerSet.From(4).Enumerate(32));
        Assert.Equal(LayerSet.All.Enumerate(8), Enumerable.Range(0, 8));
    }

    [Fact]
    public void ExceptWindowLeavesTheWindowOut()
    {
        var layers = LayerSet.Except(4, 20).Enumerate(32).ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Concat(Enumerable.Range(21, 11)), layers);
    }

    [Fact]
    public void ExplicitAndRangeNameTheirLayers()
    {
        Assert.Equal([1, 2], LayerSet.Explicit(2, 1, 2).Enumerate(4));
        Assert.Equal([1, 2, 3], LayerSet.Range(1, 3).Enumerate(4));
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void LayersOutsideTheModelAreRefusedWithTheAllowedRange(LayerSet set)
    {
        var error = Assert.Throws<ArgumentException>(() => set.Validate(4));
        Assert.Contains("0..3", error.Message);
    }

    public static TheoryData<LayerSet> OutOfRange() =>
        [LayerSet.Explicit(4), LayerSet.Explicit(), LayerSet.Range(2, 5), LayerSet.Range(3, 1), LayerSet.From(4), LayerSet.From(-2), LayerSet.Except(-1, 2)];
}
