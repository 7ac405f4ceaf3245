using Mesh.Shapes.Scenes;

namespace Mesh.Localization.Shapes;

/// <summary>A shape laid over a component: kind, centre and radius in pixels, and how well it fits (an IoU).</summary>
internal sealed record ShapeFit(ShapeKind Kind, double CentreX, double CentreY, double Radius, double Score)
{
    /// <summary>Whether the fitted shape, grown by <paramref name="margin"/> pixels, covers pixel (x, y).</summary>
    public bool Covers(int x, int y, double margin) =>
        ShapeGeometry.Contains(Kind, x + 0.5 - CentreX, y + 0.5 - CentreY, Radius + margin);
}

/// <summary>
/// Tells a component's shape from its geometry: each kind of the world is drawn (as the generator rasterises,
/// pixel centres inside <see cref="ShapeGeometry"/>) at the component's box centre with the radius its area
/// implies, then moved and scaled a little, and the kind whose drawing overlaps the component best wins. Pixels
/// of other shapes are forgiven (a shape drawn over another hides part of it), so an occluded shape still fits.
/// </summary>
internal sealed class ShapeFitter(int[] labels, int height, int width)
{
    static readonly double[] Offsets = [-1, -0.5, 0, 0.5, 1];
    static readonly double[] Scales = [0.95, 1, 1.05, 1.1, 1.15];

    readonly bool[] _member = new bool[labels.Length];

    public ShapeFit Fit(Component component)
    {
        foreach (int p in component.Pixels) _member[p] = true;
        try
        {
            int minX = component.Pixels.Min(p => p % width), maxX = component.Pixels.Max(p => p % width);
            int minY = component.Pixels.Min(p => p / width), maxY = component.Pixels.Max(p => p / width);
            double cx = (minX + maxX + 1) / 2.0, cy = (minY + maxY + 1) / 2.0;
            ShapeFit? best = null;
            foreach (var kind in Enum.GetValues<ShapeKind>())
            {
                double radius = Math.Sqrt(component.Pixels.Count / ShapeGeometry.UnitArea(kind));
                foreach (double dy in Offsets)
                    foreach (double dx in Offsets)
                        foreach (double scale in Scales)
                        {
                            double score = Overlap(kind, cx + dx, cy + dy, radius * scale, component);
                            if (best is null || score > best.Score) best = new ShapeFit(kind, cx + dx, cy + dy, radius * scale, score);
                        }
            }
            return best!;
        }
        finally
        {
            foreach (int p in component.Pixels) _member[p] = false;
        }
    }

    // |drawing ∩ component| / |(drawing over background) ∪ component|.
    double Overlap(ShapeKind kind, double cx, double cy, double r, Component component)
    {
        int x0 = Math.Max(0, (int)Math.Floor(cx - r)), x1 = Math.Min(width - 1, (int)Math.Ceiling(cx + r));
        int y0 = Math.Max(0, (int)Math.Floor(cy - r)), y1 = Math.Min(height - 1, (int)Math.Ceiling(cy + r));
        int both = 0, drawnOnly = 0;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                if (!ShapeGeometry.Contains(kind, x + 0.5 - cx, y + 0.5 - cy, r)) continue;
                int p = y * width + x;
                if (_member[p]) both++;
                else if (labels[p] < 0) drawnOnly++;
            }
        return (double)both / (component.Pixels.Count + drawnOnly);
    }
}
