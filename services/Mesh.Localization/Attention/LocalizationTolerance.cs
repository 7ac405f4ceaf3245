using Mesh.Core.Interp;

namespace Mesh.Localization.Attention;

/// <summary>
/// How far outside a mask an attention peak may lie and still count as a hit (docs/paper.md section 5: 40 px, about
/// one token, on COCO-sized images), in image pixels or in grid cells. One cell is the image size divided by the
/// grid size on each axis; a tolerance in cells becomes pixels with the larger of the two cell sides
/// (segmentation.proto; on square cells, simply the side).
/// </summary>
public readonly record struct LocalizationTolerance
{
    LocalizationTolerance(double value, bool inCells)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "a tolerance is a finite distance of 0 or more");
        (Value, InCells) = (value, inCells);
    }

    /// <summary>The distance, in <see cref="InCells"/> units.</summary>
    public double Value { get; }

    /// <summary>Whether <see cref="Value"/> counts grid cells rather than pixels.</summary>
    public bool InCells { get; }

    /// <summary>No tolerance: the peak must lie inside the mask.</summary>
    public static LocalizationTolerance None => default;

    public static LocalizationTolerance Pixels(double pixels) => new(pixels, false);

    public static LocalizationTolerance Cells(double cells) => new(cells, true);

    /// <summary>The tolerance in pixels for a map of <paramref name="grid"/> over a <paramref name="height"/> x <paramref name="width"/> image.</summary>
    public double ToPixels(ImageGrid grid, int height, int width) =>
        InCells ? Value * Math.Max((double)height / grid.Rows, (double)width / grid.Cols) : Value;

    public override string ToString() => InCells ? $"{Value} cells" : $"{Value} px";
}
