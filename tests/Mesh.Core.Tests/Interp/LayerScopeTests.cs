using Mesh.Core.Interp;

namespace Mesh.Core.Tests.Interp;

public class LayerScopeTests
{
    [Fact]
    public void FromMinusOneIsEveryLayerAndFromLStartsAfterL()
    {
        Assert.Equal(Enumerable.Range(0, 32), LayerScope.From(-1).Enumerate(32));
        Assert.Equal(Enumerable.Range(5, 27), LayerScope.From(4).Enumerate(32));
        Assert.Equal(LayerScope.All.Enumerate(8), Enumerable.Range(0, 8));
    }

    [Fact]
    public void ExceptWindowLeavesTheWindowOut()
    {
        var layers = LayerScope.Except(4, 20).Enumerate(32).ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Concat(Enumerable.Range(21, 11)), layers);
    }

    [Fact]
    public void ExplicitAndRangeNameTheirLayers()
    {
        Assert.Equal([1, 2], LayerScope.Explicit(2, 1, 2).Enumerate(4));
        Assert.Equal([1, 2, 3], LayerScope.Range(1, 3).Enumerate(4));
    }

    [Fact]
    public void SeveralRangesAreTheirUnionAndOneStaysARange()
    {
        Assert.Equal([0, 1, 3, 4, 5], LayerScope.Ranges([(0, 1), (3, 5), (4, 4)]).Enumerate(8));
        Assert.Equal("2..3", LayerScope.Ranges([(2, 3)]).ToString());
    }

    [Fact]
    public void SeveralRangesStayRangesHoweverWideTheyAre()
    {
        var wide = LayerScope.Ranges([(0, int.MaxValue - 1), (3, 3)]);
        Assert.True(wide.Contains(1 << 30));
        Assert.Contains("layers are 0..3", Assert.Throws<ArgumentException>(() => wide.CheckWithin(4)).Message);
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void LayersOutsideTheModelAreRefusedWithTheAllowedRange(LayerScope set)
    {
        var error = Assert.Throws<ArgumentException>(() => set.CheckWithin(4));
        Assert.Contains("0..3", error.Message);
    }

    public static TheoryData<LayerScope> OutOfRange() =>
        [LayerScope.Explicit(4), LayerScope.Range(2, 5), LayerScope.From(4), LayerScope.Except(1, 4)];

    [Theory]
    [MemberData(nameof(Shapeless))]
    public void ShapesNoModelCouldHoldAreRefusedWhenBuilt(Func<LayerScope> build, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => build()).Message);

    public static TheoryData<Func<LayerScope>, string> Shapeless() => new()
    {
        { () => LayerScope.Explicit(), "empty" },
        { () => LayerScope.Explicit(1, -1), "negative" },
        { () => LayerScope.Range(3, 1), "0 <= first <= last" },
        { () => LayerScope.Except(-1, 2), "0 <= first <= last" },
        { () => LayerScope.From(-2), "-1 means every layer" },
        { () => LayerScope.Ranges([(0, 1), (5, 2)]), "0 <= first <= last" },
    };
}
