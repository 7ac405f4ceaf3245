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
}
