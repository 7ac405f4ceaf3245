using Mesh.Core.Interp;
using Mesh.Shapes.Scenes;
using Mesh.Localization.Attention;

namespace Mesh.Localization.Tests.Attention;

/// <summary>Hits and misses on constructed maps: a 4x4 grid over a 64x64 image, so one cell is 16 px.</summary>
public class AttentionLocalizerTests
{
    static readonly ImageGrid Grid = new(4, 4);

    // A map that is 1 in cell (1, 2) and a little noise elsewhere.
    static float[] HotCell(int row = 1, int col = 2)
    {
        var map = Enumerable.Range(0, 16).Select(i => 0.01f * (i % 3)).ToArray();
        map[row * 4 + col] = 1;
        return map;
    }

    // Pixels x in [x0, x1], y in [y0, y1] of a 64x64 image.
    static ObjectMask Box(int x0, int x1, int y0, int y1)
    {
        var pixels = new bool[64 * 64];
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++) pixels[y * 64 + x] = true;
        return new ObjectMask(64, 64, pixels);
    }

    [Fact]
    public void APeakInsideTheMaskIsAHitAtTheHotCellsCentre()
    {
        var result = AttentionLocalizer.Localize(HotCell(), Grid, Box(32, 47, 16, 31), LocalizationTolerance.None);
        // Cell (1, 2) spans x 32..47 and y 16..31; bilinear upsampling peaks at its centre, the first of the two
        // middle pixels on each axis.
        Assert.Equal(new LocalizationResult(true, 39, 23, 1, 2, 0, 0), result);
    }

    [Theory]
    [InlineData(7.0, true)]   // the mask starts 6 px to the right of the peak
    [InlineData(6.0, true)]
    [InlineData(5.9, false)]
    [InlineData(0.0, false)]
    public void APeakOutsideTheMaskIsAHitOnlyWithinTheTolerance(double pixels, bool hit)
    {
        var result = AttentionLocalizer.Localize(HotCell(), Grid, Box(45, 55, 20, 26), LocalizationTolerance.Pixels(pixels));
        Assert.Equal((39, 23), (result.PeakX, result.PeakY));
        Assert.Equal(6.0, result.DistancePixels, 12);
        Assert.Equal(hit, result.Hit);
        Assert.Equal(pixels, result.TolerancePixels);
    }

    [Fact]
    public void ADiagonalDistanceIsEuclidean()
    {
        var result = AttentionLocalizer.Localize(HotCell(), Grid, Box(42, 50, 27, 40), LocalizationTolerance.None);
        Assert.Equal(5.0, result.DistancePixels, 12); // to (42, 27): 3 right, 4 down
        Assert.False(result.Hit);
    }

    [Theory]
    [InlineData(0.5, true)]   // 8 px
    [InlineData(0.25, false)] // 4 px
    public void ToleranceInCellsIsConvertedWithTheCellSize(double cells, bool hit)
    {
        var result = AttentionLocalizer.Localize(HotCell(), Grid, Box(45, 55, 20, 26), LocalizationTolerance.Cells(cells));
        Assert.Equal(cells * 16, result.TolerancePixels, 12);
        Assert.Equal(hit, result.Hit);
    }

    [Fact]
    public void CellsOfUnequalSidesUseTheLargerSide() =>
        Assert.Equal(20.0, LocalizationTolerance.Cells(1).ToPixels(new ImageGrid(2, 4), 40, 40), 12); // cells 20 px tall, 10 px wide

    [Fact]
    public void AFarPeakIsAMiss()
    {
        var result = AttentionLocalizer.Localize(HotCell(3, 0), Grid, Box(32, 47, 16, 31), LocalizationTolerance.Pixels(10));
        Assert.Equal((3, 0), (result.PeakRow, result.PeakCol));
        Assert.False(result.Hit);
        Assert.True(result.DistancePixels > 10);
    }

    [Fact]
    public void NormalisationDoesNotMoveThePeak()
    {
        var scaled = HotCell().Select(v => 3 * v + 7).ToArray();
        var mask = Box(45, 55, 20, 26);
        Assert.Equal(AttentionLocalizer.Localize(HotCell(), Grid, mask, LocalizationTolerance.None),
                     AttentionLocalizer.Localize(scaled, Grid, mask, LocalizationTolerance.None));
    }

    [Fact]
    public void ATraceImageMapAndTheMeanOfSeveralMapsWork()
    {
        var map = new AttentionGrid(Grid, [.. HotCell().Select(v => (Half)v)]);
        Assert.True(AttentionLocalizer.Localize(map, Box(32, 47, 16, 31), LocalizationTolerance.None).Hit);

        var mean = AttentionLocalizer.Mean([HotCell(1, 2), HotCell(1, 2), HotCell(3, 3)]);
        var peak = AttentionLocalizer.Localize(mean, Grid, Box(0, 63, 0, 63), LocalizationTolerance.None);
        Assert.Equal((1, 2), (peak.PeakRow, peak.PeakCol));
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("nan")]
    [InlineData("size")]
    [InlineData("empty mask")]
    public void BadInputIsRefused(string what)
    {
        var map = what switch
        {
            "constant" => Enumerable.Repeat(0.5f, 16).ToArray(),
            "nan" => HotCell().Select((v, i) => i == 3 ? float.NaN : v).ToArray(),
            "size" => new float[15],
            _ => HotCell(),
        };
        var mask = what == "empty mask" ? new ObjectMask(64, 64, new bool[64 * 64]) : Box(0, 10, 0, 10);
        Assert.Throws<ArgumentException>(() => AttentionLocalizer.Localize(map, Grid, mask, LocalizationTolerance.None));
    }

    [Fact]
    public void ANegativeToleranceIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationTolerance.Pixels(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalizationTolerance.Cells(double.NaN));
    }
}
