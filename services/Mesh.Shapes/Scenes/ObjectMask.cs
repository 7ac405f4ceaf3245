namespace Mesh.Shapes.Scenes;

/// <summary>The pixels where one object is visible: a row-major [Height, Width] boolean image.</summary>
public sealed class ObjectMask
{
    private readonly bool[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> (row-major, length width * height); the array is not copied.</summary>
    public ObjectMask(int width, int height, bool[] pixels)
    {
        if (pixels.Length != width * height)
            throw new ArgumentException($"a {width}x{height} mask needs {width * height} pixels, got {pixels.Length}", nameof(pixels));
        (Width, Height, _pixels) = (width, height, pixels);
        Area = pixels.Count(p => p);
        Bounds = FindBounds();
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Number of pixels in the mask.</summary>
    public int Area { get; }

    /// <summary>The smallest box holding the mask, COCO style (x, y, width, height); all zero for an empty mask.</summary>
    public (int X, int Y, int Width, int Height) Bounds { get; }

    public bool this[int x, int y] => _pixels[y * Width + x];

    /// <summary>The pixels, row-major.</summary>
    public ReadOnlySpan<bool> Pixels => _pixels;

    /// <summary>
    /// Uncompressed COCO run lengths: alternating runs of outside and inside pixels in column-major order
    /// (down each column, columns left to right), starting with an outside run that may be 0. Together with
    /// size [Height, Width] this is what pycocotools' <c>frPyObjects</c> reads.
    /// </summary>
    public int[] RunLengths()
    {
        var runs = new List<int>();
        bool current = false;
        int length = 0;
        for (int x = 0; x < Width; x++)
        {
            for (int y = 0; y < Height; y++)
            {
                if (this[x, y] != current)
                {
                    runs.Add(length);
                    (current, length) = (!current, 0);
                }
                length++;
            }
        }
        runs.Add(length);
        return [.. runs];
    }

    /// <summary>The mask a <see cref="RunLengths"/> list describes; throws when the runs do not fill the image exactly.</summary>
    public static ObjectMask FromRunLengths(int width, int height, IReadOnlyList<int> runs)
    {
        var pixels = new bool[width * height];
        int at = 0;
        for (int i = 0; i < runs.Count; i++)
        {
            if (runs[i] < 0 || at + runs[i] > pixels.Length)
                throw new ArgumentException($"run {i} ({runs[i]}) runs past the {width}x{height} mask", nameof(runs));
            for (int k = at; k < at + runs[i]; k++)
                pixels[(k % height) * width + k / height] = i % 2 == 1;
            at += runs[i];
        }
        if (at != pixels.Length)
            throw new ArgumentException($"the runs cover {at} pixels; a {width}x{height} mask has {pixels.Length}", nameof(runs));
        return new ObjectMask(width, height, pixels);
    }

    private (int, int, int, int) FindBounds()
    {
        int minX = Width, minY = Height, maxX = -1, maxY = -1;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
                if (this[x, y])
                    (minX, minY, maxX, maxY) = (Math.Min(minX, x), Math.Min(minY, y), Math.Max(maxX, x), Math.Max(maxY, y));
        return maxX < 0 ? (0, 0, 0, 0) : (minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
