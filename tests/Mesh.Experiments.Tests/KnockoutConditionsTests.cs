using Mesh.Contracts.Common.V1;

namespace Mesh.Experiments.Tests;

public sealed class KnockoutConditionsTests
{
    [Theory]
    [InlineData(32, 4, 20)] // the paper's LLaVA window of 32 layers
    [InlineData(8, 1, 5)]
    [InlineData(16, 2, 10)]
    public void TheExceptWindowScalesLlavasFourToTwentyOfThirtyTwo(int layers, int a, int b) =>
        Assert.Equal((a, b), KnockoutCondition.ExceptWindow(layers));

    [Fact]
    public void EveryStrategyGetsEachFromLayerTheExceptWindowAndEverySlidingWindow()
    {
        var conditions = KnockoutCondition.For(layers: 8, width: 3);

        // Per strategy: "from" l = -1 .. 6 (8), one "except", windows starting 0 .. 5 (6).
        Assert.Equal(3 * (8 + 1 + 6), conditions.Count);
        Assert.Equal(conditions.Count, conditions.Select(c => c.Key).Distinct().Count());
    }

    [Theory]
    [InlineData("img->gen", new[] { TokenGroup.Generated })]
    [InlineData("img->txt", new[] { TokenGroup.Query })]
    [InlineData("img->txt+gen", new[] { TokenGroup.Query, TokenGroup.Generated })]
    public void EachStrategyBlocksTheImageFromMeshCoresTargets(string strategy, TokenGroup[] targets)
    {
        var knockout = new KnockoutCondition(strategy, "from", 3, 0).ToProto();

        Assert.All(knockout.Edges, e => Assert.Equal(TokenGroup.Image, e.Source.Group));
        Assert.Equal(targets, knockout.Edges.Select(e => e.Target.Group));
        Assert.Equal(3, knockout.Layers.FromLayer);
    }

    [Fact]
    public void TheStrategiesAreThePapersThree() =>
        Assert.Equal(["img->gen", "img->txt", "img->txt+gen"], KnockoutCondition.Strategies);
}
