namespace Mesh.Judging.Tests;

public sealed class MedianTests
{
    [Theory]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 9.0, 1.0, 5.0 }, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]   // the mean of the middle two, not the upper one
    public void IsTheMiddleValueInOrder(double[] values, double expected) => Assert.Equal(expected, Median.Of(values));

    [Fact]
    public void OfNothingIsRefused() => Assert.Throws<ArgumentException>(() => Median.Of([]));
}
