namespace Mesh.Core.Scenes;

/// <summary>Which object each patch of a scene's image shows, from the objects' exact masks.</summary>
public static class ScenePatches
{
    /// <summary>
    /// For each of the <paramref name="grid"/> x <paramref name="grid"/> patches in row-major order (the order of a
    /// ViT's patch tokens), the object whose visible pixels cover most of the patch, or null when none covers at least
    /// <paramref name="minCover"/> of it (background, or slivers of shapes).
    /// </summary>
    public static SceneObject?[] Seen(Scene scene, int grid, double minCover = 0.25)
    {
        if (grid <= 0 || scene.ImageSize % grid != 0)
            throw new ArgumentOutOfRangeException(nameof(grid), grid, $"the grid must divide the image size ({scene.ImageSize})");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minCover);
        int patch = scene.ImageSize / grid;
        var seen = new SceneObject?[grid * grid];
        for (int row = 0; row < grid; row++)
            for (int column = 0; column < grid; column++)
            {
                var (best, cover) = scene.Objects
                    .Select(o => (Object: o, Pixels: Count(o.Mask, column * patch, row * patch, patch)))
                    .MaxBy(c => c.Pixels);
                seen[row * grid + column] = cover >= minCover * patch * patch ? best : null;
            }
        return seen;
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
