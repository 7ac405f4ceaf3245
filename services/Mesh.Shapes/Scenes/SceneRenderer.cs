namespace Mesh.Shapes.Scenes;

/// <summary>A shape placed in the image, before it is drawn (centre and radius in pixels).</summary>
internal sealed record PlacedShape(ShapeKind Kind, ShapeColour Colour, ObjectSize Size, GridCell Cell, double CentreX, double CentreY, double Radius);

/// <summary>Draws placed shapes over a noisy grey background, pixel by pixel, and records which object each pixel shows.</summary>
internal static class SceneRenderer
{
    /// <summary>
    /// RGB bytes [size, size, 3]; per shape, its visible mask and the pixels the whole shape covers. Shapes are
    /// drawn in list order, a later one over an earlier one; a pixel belongs to a shape when its centre
    /// (x + 0.5, y + 0.5) lies inside (<see cref="ShapeGeometry"/>).
    /// </summary>
    public static (byte[] Rgb, ObjectMask[] Masks, int[] ShapeAreas) Render(
        IReadOnlyList<PlacedShape> shapes, int size, SceneOptions options, SceneRandom noise)
    {
        var rgb = new byte[size * size * 3];
        int level = noise.Next(options.BackgroundMin, options.BackgroundMax);
        for (int i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)(level + noise.Next(-options.Noise, options.Noise));

        var owner = new int[size * size]; // [size * size] row-major: index of the shape shown, -1 for background
        Array.Fill(owner, -1);
        var areas = new int[shapes.Count];
        for (int s = 0; s < shapes.Count; s++)
        {
            var shape = shapes[s];
            foreach (int pixel in Covered(shape, size))
            {
                owner[pixel] = s;
                areas[s]++;
            }
        }

        var masks = new bool[shapes.Count][];
        for (int s = 0; s < shapes.Count; s++)
            masks[s] = new bool[size * size];
        for (int pixel = 0; pixel < owner.Length; pixel++)
        {
            if (owner[pixel] < 0)
                continue;
            masks[owner[pixel]][pixel] = true;
            var (r, g, b) = shapes[owner[pixel]].Colour.Rgb();
            (rgb[3 * pixel], rgb[3 * pixel + 1], rgb[3 * pixel + 2]) = (r, g, b);
        }
        return (rgb, [.. masks.Select(m => new ObjectMask(size, size, m))], areas);
    }

    /// <summary>Row-major indices of the pixels whose centres lie inside the shape (only its box is scanned).</summary>
    static IEnumerable<int> Covered(PlacedShape shape, int size)
    {
        int x0 = Math.Max(0, (int)Math.Floor(shape.CentreX - shape.Radius)), x1 = Math.Min(size - 1, (int)Math.Ceiling(shape.CentreX + shape.Radius));
        int y0 = Math.Max(0, (int)Math.Floor(shape.CentreY - shape.Radius)), y1 = Math.Min(size - 1, (int)Math.Ceiling(shape.CentreY + shape.Radius));
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
                if (ShapeGeometry.Contains(shape.Kind, x + 0.5 - shape.CentreX, y + 0.5 - shape.CentreY, shape.Radius))
                    yield return y * size + x;
    }
}
