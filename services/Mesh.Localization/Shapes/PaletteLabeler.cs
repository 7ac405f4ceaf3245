using Mesh.Shapes.Scenes;

namespace Mesh.Localization.Shapes;

/// <summary>Gives each pixel the nearest colour of the Shapes world's palette, or none when every colour is too far.</summary>
internal static class PaletteLabeler
{
    /// <summary>The palette in <see cref="ShapeColour"/> order.</summary>
    public static readonly ShapeColour[] Colours = Enum.GetValues<ShapeColour>();

    /// <summary>Per pixel [Height * Width] row-major: the index into <see cref="Colours"/>, or -1 for background.</summary>
    public static int[] Label(RgbImage image, double maxDistance)
    {
        var rgb = Colours.Select(c => c.Rgb()).ToArray();
        double limit = maxDistance * maxDistance;
        var labels = new int[image.Height * image.Width];
        for (int p = 0; p < labels.Length; p++)
        {
            int r = image.Rgb[3 * p], g = image.Rgb[3 * p + 1], b = image.Rgb[3 * p + 2];
            int best = -1;
            double bestDistance = limit;
            for (int c = 0; c < rgb.Length; c++)
            {
                double d = Square(r - rgb[c].R) + Square(g - rgb[c].G) + Square(b - rgb[c].B);
                if (d <= bestDistance) (best, bestDistance) = (c, d);
            }
            labels[p] = best;
        }
        return labels;
    }

    static double Square(int v) => (double)v * v;
}
