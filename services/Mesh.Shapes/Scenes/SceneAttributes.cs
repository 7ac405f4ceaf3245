namespace Mesh.Shapes.Scenes;

/// <summary>
/// The kinds of shape. Hexagons and ellipses were left out: a small hexagon (about 12 px across at 64x64)
/// is a circle to the eye, while these six keep distinct outlines (corners, points, arms) at that size.
/// </summary>
public enum ShapeKind { Circle, Square, Triangle, Diamond, Cross, Star }

/// <summary>The named colours; each is far from the others and from the grey background (see <see cref="ShapeColours"/>).</summary>
public enum ShapeColour { Red, Orange, Yellow, Green, Blue, Purple, White }

/// <summary>The two sizes, radii set by <see cref="SceneOptions.SmallRadius"/> and <see cref="SceneOptions.LargeRadius"/>.</summary>
public enum ObjectSize { Small, Large }

/// <summary>The flat RGB of every named colour.</summary>
public static class ShapeColours
{
    /// <summary>
    /// Every colour has a channel of at least <see cref="MinBrightestChannel"/>, while background pixels stay at or
    /// below <see cref="SceneOptions.MaxBackgroundLevel"/>, so no background pixel can take a shape's colour.
    /// </summary>
    public const int MinBrightestChannel = 200;

    /// <summary>(r, g, b) of <paramref name="colour"/>.</summary>
    public static (byte R, byte G, byte B) Rgb(this ShapeColour colour) => colour switch
    {
        ShapeColour.Red => (225, 35, 35),
        ShapeColour.Orange => (250, 140, 20),
        ShapeColour.Yellow => (245, 225, 40),
        ShapeColour.Green => (40, 200, 60),
        ShapeColour.Blue => (45, 95, 235),
        ShapeColour.Purple => (165, 60, 215),
        ShapeColour.White => (245, 245, 245),
        _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, "not a shape colour"),
    };
}
