using Mesh.Benchmarks;

namespace Mesh.Benchmarks.Tests;

public sealed class StatsTests
{
    [Theory]
    [InlineData(0.043, "+4.3%")]
    [InlineData(-0.012, "-1.2%")]
    [InlineData(0.0, "+0.0%")]
    [InlineData(-0.0004, "+0.0%")]   // rounds to zero: no "-+0.0%", no "-0.0%"
    [InlineData(0.00049, "+0.0%")]
    [InlineData(0.0005, "+0.1%")]
    [InlineData(-0.0005, "-0.1%")]
    [InlineData(1.5, "+150.0%")]
    public void SignedPercentRoundsBeforeChoosingTheSign(double ratio, string expected) =>
        Assert.Equal(expected, Stats.SignedPercent(ratio));
}
