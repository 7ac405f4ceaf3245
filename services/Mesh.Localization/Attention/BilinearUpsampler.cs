using Mesh.Core.Interp;

namespace Mesh.Localization.Attention;

/// <summary>
/// Bilinear resizing of a grid map to image size with half-pixel centres, as PyTorch's
/// <c>F.interpolate(mode="bilinear", align_corners=False)</c>: output pixel (y, x) samples the map at
/// ((y + 0.5) * rows / height - 0.5, (x + 0.5) * cols / width - 0.5), clamped to the map's edge cells.
/// </summary>
public static class BilinearUpsampler
{
    /// <summary><paramref name="map"/> [grid.Rows, grid.Cols] resized to [<paramref name="height"/>, <paramref name="width"/>], row-major.</summary>
    public static float[] Resize(ReadOnlySpan<float> map, ImageGrid grid, int height, int width)
    {
        if (map.Length != grid.Count)
            throw new ArgumentException($"the map holds {map.Length} values; a {grid.Rows}x{grid.Cols} grid needs {grid.Count}", nameof(map));
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var xs = Taps(width, grid.Cols);
        var output = new float[height * width]; // [height, width]
        for (int y = 0; y < height; y++)
        {
            var (y0, y1, wy) = Tap(y, height, grid.Rows);
            var row0 = map.Slice(y0 * grid.Cols, grid.Cols);
            var row1 = map.Slice(y1 * grid.Cols, grid.Cols);
            for (int x = 0; x < width; x++)
            {
                var (x0, x1, wx) = xs[x];
                double top = (1 - wx) * row0[x0] + wx * row0[x1];
                double bottom = (1 - wx) * row1[x0] + wx * row1[x1];
                output[y * width + x] = (float)((1 - wy) * top + wy * bottom);
            }
        }
        return output;
    }

    /// <summary>For each of <paramref name="size"/> output indices, the two source cells around it and the weight of the second.</summary>
    internal static (int Low, int High, double Weight)[] Taps(int size, int cells) => [.. Enumerable.Range(0, size).Select(i => Tap(i, size, cells))];

    static (int Low, int High, double Weight) Tap(int i, int size, int cells)
    {
        double source = Math.Max((i + 0.5) * cells / size - 0.5, 0);
        int low = Math.Min((int)source, cells - 1);
        int high = Math.Min(low + 1, cells - 1);
        return (low, high, source - low);
    }
}
