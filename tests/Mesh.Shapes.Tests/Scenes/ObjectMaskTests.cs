using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class ObjectMaskTests
{
    // 3 wide, 2 high:  . X X
    //                  . X .
    static readonly ObjectMask Sample = new(3, 2, [false, true, true, false, true, false]);

    [Fact]
    public void AreaAndBoundsCoverTheSetPixels()
    {
        Assert.Equal(3, Sample.Area);
        Assert.Equal((1, 0, 2, 2), Sample.Bounds);
        Assert.True(Sample[2, 0]);
        Assert.False(Sample[2, 1]);
        Assert.Equal((0, 0, 0, 0), new ObjectMask(2, 2, new bool[4]).Bounds);
    }

    [Fact]
    public void RunLengthsAreColumnMajorAndStartOutside()
    {
        // Columns top to bottom: (. .) (X X) (X .) -> 2 outside, 3 inside, 1 outside.
        Assert.Equal([2, 3, 1], Sample.RunLengths());
        Assert.Equal([0, 4], new ObjectMask(2, 2, [true, true, true, true]).RunLengths());
        Assert.Equal(Sample.Pixels.ToArray(), ObjectMask.FromRunLengths(3, 2, [2, 3, 1]).Pixels.ToArray());
    }

    [Fact]
    public void RunsThatDoNotFillTheImageAreRefused()
    {
        Assert.Contains("cover 5 pixels", Assert.Throws<ArgumentException>(() => ObjectMask.FromRunLengths(3, 2, [2, 3])).Message);
        Assert.Throws<ArgumentException>(() => ObjectMask.FromRunLengths(3, 2, [2, 5]));
        Assert.Throws<ArgumentException>(() => new ObjectMask(3, 2, new bool[5]));
    }
}
