namespace Mesh.Shapes.Scenes;

/// <summary>
/// One shape of a scene. The centre and radius are in pixels (x right, y down); <see cref="Mask"/> holds the
/// pixels where the object is visible, <see cref="ShapeArea"/> how many pixels the whole shape covers.
/// </summary>
public sealed record SceneObject(
    ShapeKind Kind, ShapeColour Colour, ObjectSize Size, GridCell Cell,
    double CentreX, double CentreY, double Radius, ObjectMask Mask, int ShapeArea)
{
    /// <summary>Share of the shape left visible by the objects drawn over it.</summary>
    public double VisibleFraction => ShapeArea == 0 ? 0 : (double)Mask.Area / ShapeArea;

    /// <summary>Whether the shape covers the point (<paramref name="x"/>, <paramref name="y"/>) in pixels, ignoring other objects.</summary>
    public bool Covers(double x, double y) => ShapeGeometry.Contains(Kind, x - CentreX, y - CentreY, Radius);
}
