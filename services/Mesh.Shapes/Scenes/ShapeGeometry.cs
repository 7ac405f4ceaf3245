namespace Mesh.Shapes.Scenes;

/// <summary>
/// Exact point-in-shape tests. A shape of radius r lies inside the square [-r, r]^2 around its centre; y grows
/// downwards (image rows). Scenes are rasterised by testing each pixel's centre, with no anti-aliasing, because
/// the masks must say exactly which pixel shows which object: an anti-aliasing drawing library blends edge
/// pixels into colours that belong to no object, and cannot report which pixels it touched.
/// </summary>
public static class ShapeGeometry
{
    const double SquareHalfSide = 0.85; // of r: a square as wide as the circle would look bigger than it
    const double CrossHalfWidth = 0.3;  // of r: arms about 3 px wide when small at 64x64
    const double StarInnerRadius = 0.5; // of the outer radius

    // The star's points lie on a circle of radius r around a centre moved down so that its box, from -r to
    // r*cos(36 deg), is centred too.
    static readonly double StarShift = (1 - Math.Cos(Math.PI / 5)) / 2;
    static readonly (double X, double Y)[] StarVertices = [.. Enumerable.Range(0, 10).Select(i =>
    {
        double angle = Math.PI * i / 5, radius = i % 2 == 0 ? 1 : StarInnerRadius;
        return (radius * Math.Sin(angle), -radius * Math.Cos(angle));
    })];

    /// <summary>Whether the point (<paramref name="dx"/>, <paramref name="dy"/>) from the centre lies in the shape of radius <paramref name="r"/>.</summary>
    public static bool Contains(ShapeKind kind, double dx, double dy, double r)
    {
        double x = dx / r, y = dy / r; // in units of r
        return kind switch
        {
            ShapeKind.Circle => x * x + y * y <= 1,
            ShapeKind.Square => Math.Abs(x) <= SquareHalfSide && Math.Abs(y) <= SquareHalfSide,
            ShapeKind.Triangle => y <= 1 && Math.Abs(x) <= (y + 1) / 2, // apex (0, -1), base from (-1, 1) to (1, 1)
            ShapeKind.Diamond => Math.Abs(x) + Math.Abs(y) <= 1,
            ShapeKind.Cross => (Math.Abs(x) <= 1 && Math.Abs(y) <= CrossHalfWidth) || (Math.Abs(y) <= 1 && Math.Abs(x) <= CrossHalfWidth),
            ShapeKind.Star => InPolygon(StarVertices, x, y - StarShift),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a shape kind"),
        };
    }

    /// <summary>The shape's area for r = 1; its area in pixels is about this times r^2.</summary>
    public static double UnitArea(ShapeKind kind) => kind switch
    {
        ShapeKind.Circle => Math.PI,
        ShapeKind.Square => 4 * SquareHalfSide * SquareHalfSide,
        ShapeKind.Triangle => 2,
        ShapeKind.Diamond => 2,
        ShapeKind.Cross => 8 * CrossHalfWidth - 4 * CrossHalfWidth * CrossHalfWidth,
        ShapeKind.Star => 5 * StarInnerRadius * Math.Sin(Math.PI / 5), // ten triangles between the centre and the outline
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a shape kind"),
    };

    // Even-odd crossing test; the star is not convex.
    static bool InPolygon((double X, double Y)[] vertices, double x, double y)
    {
        bool inside = false;
        for (int i = 0, j = vertices.Length - 1; i < vertices.Length; j = i++)
        {
            var (a, b) = (vertices[i], vertices[j]);
            if ((a.Y > y) != (b.Y > y) && x < (b.X - a.X) * (y - a.Y) / (b.Y - a.Y) + a.X)
                inside = !inside;
        }
        return inside;
    }
}
