namespace Mesh.Shapes.Scenes;

/// <summary>Which object each patch of a scene's image shows, from the objects' exact masks.</summary>
public static class ScenePatches
{
    /// <summary>The least share of a patch an object must cover to be what the patch shows.</summary>
    public const double MinCover = 0.25;

    /// <summary>
    /// For each of the <paramref name="grid"/> x <paramref name="grid"/> patches in row-major order (the order of a
    /// ViT's patch tokens), the object whose visible pixels cover most of it and the fraction they cover (null and 0
    /// for a patch of background only). The patch shows that object when the fraction is at least <see cref="MinCover"/>.
    /// </summary>
    public static (SceneObject? Object, double Fraction)[] Cover(Scene scene, int grid)
    {
        if (grid <= 0 || scene.ImageSize % grid != 0)
            throw new ArgumentOutOfRangeException(nameof(grid), grid, $"the grid must divide the image size ({scene.ImageSize})");
        int patch = scene.ImageSize / grid;
        var cover = new (SceneObject?, double)[grid * grid];
        for (int row = 0; row < grid; row++)
            for (int column = 0; column < grid; column++)
            {
                var (best, pixels) = scene.Objects
                    .Select(o => (Object: o, Pixels: Count(o.Mask, column * patch, row * patch, patch)))
                    .MaxBy(c => c.Pixels);
                cover[row * grid + column] = pixels == 0 ? (null, 0) : (best, (double)pixels / (patch * patch));
            }
        return cover;
    }

    static int Count(ObjectMask mask, int x0, int y0, int size)
    {
        int count = 0;
        for (int y = y0; y < y0 + size; y++)
            for (int x = x0; x < x0 + size; x++)
                count += mask[x, y] ? 1 : 0;
        return count;
    }
}
