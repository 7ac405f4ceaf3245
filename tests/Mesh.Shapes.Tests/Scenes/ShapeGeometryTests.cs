using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public class ShapeGeometryTests
{
    public static TheoryData<ShapeKind> Kinds => [.. Enum.GetValues<ShapeKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryShapeHoldsItsCentreAndStaysInsideItsBox(ShapeKind kind)
    {
        Assert.True(ShapeGeometry.Contains(kind, 0, 0, 5));
        var inside = Grid(kind, r: 1, extent: 1.5, step: 0.01).Where(p => p.In).ToArray();
        Assert.All(inside, p => Assert.True(Math.Abs(p.X) <= 1 && Math.Abs(p.Y) <= 1, $"({p.X}, {p.Y}) lies outside [-1, 1]^2"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnitAreaMatchesAFineRaster(ShapeKind kind)
    {
        const double step = 0.004;
        double measured = Grid(kind, r: 1, extent: 1, step).Count(p => p.In) * step * step;
        Assert.InRange(measured, 0.99 * ShapeGeometry.UnitArea(kind), 1.01 * ShapeGeometry.UnitArea(kind));
    }

    [Fact]
    public void SmallShapesAt64PixelsStayDistinct()
    {
        // A small shape at the default 64x64 has radius 0.28 * 64 / 3 (about 6) pixels. Rasterised there, any two
        // kinds must differ in at least 15% of their joint pixels and in 16 pixels (a quarter of an 8x8 patch);
        // the closest pairs are circle/square (corners) and diamond/star (points), about 20 pixels apart.
        double r = new SceneOptions().RadiusPixels(ObjectSize.Small);
        var kinds = Enum.GetValues<ShapeKind>();
        var masks = kinds.ToDictionary(k => k, k => Grid(k, r, extent: r, step: 1).Where(p => p.In).Select(p => (p.X, p.Y)).ToHashSet());
        foreach (var a in kinds)
            foreach (var b in kinds.Where(b => b > a))
            {
                int union = masks[a].Union(masks[b]).Count(), differing = union - masks[a].Intersect(masks[b]).Count();
                Assert.True(differing >= 0.15 * union && differing >= 16, $"small {a} and {b} differ in only {differing} of {union} pixels");
            }
    }

    [Fact]
    public void AShapeKindOutsideTheEnumIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapeGeometry.Contains((ShapeKind)42, 0, 0, 1));

    // Points of a grid centred on the shape (pixel centres when step is 1), with whether each lies inside.
    static IEnumerable<(double X, double Y, bool In)> Grid(ShapeKind kind, double r, double extent, double step)
    {
        int n = (int)Math.Ceiling(extent / step);
        for (int i = -n; i < n; i++)
            for (int j = -n; j < n; j++)
            {
                double x = (i + 0.5) * step, y = (j + 0.5) * step;
                yield return (x, y, ShapeGeometry.Contains(kind, x, y, r));
            }
    }
}
