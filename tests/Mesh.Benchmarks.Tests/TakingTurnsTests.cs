using Mesh.Benchmarks;

namespace Mesh.Benchmarks.Tests;

public sealed class TakingTurnsTests
{
    [Fact]
    public void EveryContenderRunsEachStepOnceAndTheOrderRotates()
    {
        var calls = new List<int>();
        var ms = TakingTurns.MeanStepMs([() => calls.Add(0), () => calls.Add(1), () => calls.Add(2)], steps: 3);
        Assert.Equal([0, 1, 2, 1, 2, 0, 2, 0, 1], calls);
        Assert.Equal(3, ms.Length);
        Assert.All(ms, m => Assert.True(m >= 0));
    }

    [Fact]
    public void EachContendersTimeIsItsOwn()
    {
        var ms = TakingTurns.MeanStepMs([() => { }, () => Thread.Sleep(20)], steps: 2);
        Assert.True(ms[1] >= 19, $"the sleeping contender's mean step took {ms[1]:F1} ms");
        Assert.True(ms[0] < ms[1], $"the empty contender ({ms[0]:F3} ms) was charged the other's time ({ms[1]:F1} ms)");
    }
}
