using Mesh.Core.Interp;
using Mesh.Shapes.Scenes;

namespace Mesh.Localization.Attention;

/// <summary>Where an attention map peaks and whether that is on the object (docs/paper.md section 5).</summary>
/// <param name="Hit">The peak lies inside the mask or within the tolerance of it.</param>
/// <param name="PeakX">Column of the upsampled map's peak, in pixels.</param>
/// <param name="PeakY">Row of the peak, in pixels.</param>
/// <param name="PeakRow">Grid row of the cell holding the peak.</param>
/// <param name="PeakCol">Grid column of that cell.</param>
/// <param name="DistancePixels">Euclidean distance from the peak to the nearest mask pixel; 0 inside the mask.</param>
/// <param name="TolerancePixels">The tolerance applied, in pixels.</param>
public sealed record LocalizationResult(bool Hit, int PeakX, int PeakY, int PeakRow, int PeakCol, double DistancePixels, double TolerancePixels);

/// <summary>
/// Scores one attention map against one object mask: the map (already restricted to the IMAGE columns, head-averaged
/// and laid out on the image grid, e.g. a trace's <see cref="AttentionGrid"/>; for a multi-token name the mean of its
/// tokens' maps, see <see cref="Mean"/>) is min-max normalised, upsampled bilinearly to the mask's size, and its
/// peak (the first maximum in row-major order) must fall inside the mask, allowing the tolerance.
/// </summary>
public static class AttentionLocalizer
{
    /// <summary>Localizes <paramref name="map"/> [grid.Rows, grid.Cols] against <paramref name="mask"/>; throws <see cref="ArgumentException"/> for bad input.</summary>
    public static LocalizationResult Localize(ReadOnlySpan<float> map, ImageGrid grid, ObjectMask mask, LocalizationTolerance tolerance)
    {
        if (grid.Rows < 1 || grid.Cols < 1 || map.Length != grid.Count)
            throw new ArgumentException($"the map holds {map.Length} values; a {grid.Rows}x{grid.Cols} grid needs {grid.Count}");
        if (mask.Area == 0)
            throw new ArgumentException("the mask is empty: there is no object to localize against");
        var normalised = Normalise(map);
        var upsampled = BilinearUpsampler.Resize(normalised, grid, mask.Height, mask.Width); // [H, W]
        int peak = ArgMax(upsampled);
        int x = peak % mask.Width, y = peak / mask.Width;
        double distance = DistanceToMask(mask, x, y);
        double allowed = tolerance.ToPixels(grid, mask.Height, mask.Width);
        return new LocalizationResult(distance <= allowed, x, y, y * grid.Rows / mask.Height, x * grid.Cols / mask.Width, distance, allowed);
    }

    /// <summary>Localizes a trace's image map.</summary>
    public static LocalizationResult Localize(AttentionGrid map, ObjectMask mask, LocalizationTolerance tolerance) =>
        Localize([.. map.Values.Select(v => (float)v)], map.Grid, mask, tolerance);

    /// <summary>The element-wise mean of maps of one grid (the maps of a multi-token object name, docs/paper.md section 5).</summary>
    public static float[] Mean(IReadOnlyList<float[]> maps)
    {
        if (maps.Count == 0) throw new ArgumentException("the mean of no maps is undefined", nameof(maps));
        if (maps.Any(m => m.Length != maps[0].Length)) throw new ArgumentException("maps of different sizes cannot be averaged", nameof(maps));
        var mean = new float[maps[0].Length];
        foreach (var map in maps)
            for (int i = 0; i < mean.Length; i++) mean[i] += map[i] / maps.Count;
        return mean;
    }

    // (v - min) / (max - min); a map without a peak (constant or not finite) is refused rather than given a made-up one.
    static float[] Normalise(ReadOnlySpan<float> map)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in map)
        {
            if (!float.IsFinite(v)) throw new ArgumentException($"the map holds {v}; attention values must be finite");
            (min, max) = (Math.Min(min, v), Math.Max(max, v));
        }
        if (max == min) throw new ArgumentException($"the map is constant ({min}) and has no peak");
        var normalised = new float[map.Length];
        for (int i = 0; i < map.Length; i++) normalised[i] = (map[i] - min) / (max - min);
        return normalised;
    }

    static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    static double DistanceToMask(ObjectMask mask, int x, int y)
    {
        if (mask[x, y]) return 0;
        long best = long.MaxValue;
        var pixels = mask.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            if (!pixels[i]) continue;
            long dx = i % mask.Width - x, dy = i / mask.Width - y;
            best = Math.Min(best, dx * dx + dy * dy);
        }
        return Math.Sqrt(best);
    }
}
