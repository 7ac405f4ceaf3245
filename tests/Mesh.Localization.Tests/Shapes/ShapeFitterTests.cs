using Mesh.Shapes.Scenes;
using Mesh.Localization.Shapes;

namespace Mesh.Localization.Tests.Shapes;

/// <summary>Single shapes drawn as the generator draws them, at the radii of 48 to 128 px scenes and off-pixel centres.</summary>
public class ShapeFitterTests
{
    const int Size = 48;

    static (int[] Labels, Component Component) Draw(ShapeKind kind, double cx, double cy, double r)
    {
        var labels = Enumerable.Repeat(-1, Size * Size).ToArray();
        var pixels = new List<int>();
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
                if (ShapeGeometry.Contains(kind, x + 0.5 - cx, y + 0.5 - cy, r))
                {
                    labels[y * Size + x] = 2;
                    pixels.Add(y * Size + x);
                }
        return (labels, new Component(2, pixels));
    }

    public static TheoryData<ShapeKind, double> Cases()
    {
        var data = new TheoryData<ShapeKind, double>();
        foreach (var kind in Enum.GetValues<ShapeKind>())
            foreach (double r in new[] { 4.5, 6.0, 9.0, 15.0 })
                data.Add(kind, r);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TellsTheKindAndFindsTheCentreAndRadius(ShapeKind kind, double radius)
    {
        var (labels, component) = Draw(kind, 23.3, 24.6, radius);
        var fit = new ShapeFitter(labels, Size, Size).Fit(component);
        Assert.Equal(kind, fit.Kind);
        Assert.True(fit.Score >= 0.85, $"a {kind} of radius {radius} fits with {fit.Score:F3}");
        Assert.InRange(fit.CentreX, 22.3, 24.3);
        Assert.InRange(fit.CentreY, 23.6, 25.6);
        Assert.InRange(fit.Radius, radius * 0.85, radius * 1.15);
    }

    [Fact]
    public void PixelsHiddenByAnotherShapeAreForgiven()
    {
        var (labels, whole) = Draw(ShapeKind.Circle, 24, 24, 9);
        // Another colour covers the circle's right edge (x >= 30): those pixels are neither the circle's nor background.
        var visible = new Component(2, [.. whole.Pixels.Where(p => p % Size < 30)]);
        foreach (int p in whole.Pixels.Where(p => p % Size >= 30)) labels[p] = 4;
        var fit = new ShapeFitter(labels, Size, Size).Fit(visible);
        Assert.Equal(ShapeKind.Circle, fit.Kind);
        Assert.True(fit.Score >= 0.9, $"the occluded circle fits with {fit.Score:F3}");
    }
}
