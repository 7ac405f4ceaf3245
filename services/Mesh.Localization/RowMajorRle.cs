using Mesh.Shapes.Scenes;

namespace Mesh.Localization;

/// <summary>
/// Masks as segmentation.proto's <c>RleMask</c> counts: alternating runs of 0 and 1 in ROW-MAJOR order (pixel
/// (y, x) is number y * width + x; COCO's order is column-major, see <see cref="ObjectMask.RunLengths"/>), always
/// starting with a run of 0 that may be empty, summing to height * width. [[0,1,1],[1,0,0]] is [1, 3, 2].
/// </summary>
public static class RowMajorRle
{
    public static uint[] Encode(ObjectMask mask)
    {
        var runs = new List<uint>();
        bool current = false;
        uint length = 0;
        foreach (bool pixel in mask.Pixels)
        {
            if (pixel != current)
            {
                runs.Add(length);
                (current, length) = (pixel, 0);
            }
            length++;
        }
        runs.Add(length);
        return [.. runs];
    }

    /// <summary>The mask <paramref name="counts"/> describe; throws <see cref="ArgumentException"/> when they do not fill the image exactly.</summary>
    public static ObjectMask Decode(int height, int width, IReadOnlyList<uint> counts)
    {
        if (height < 1 || width < 1)
            throw new ArgumentException($"a mask is at least 1x1; got {height}x{width}");
        long total = (long)height * width, at = 0;
        if (total > Array.MaxLength)
            throw new ArgumentException($"a {height}x{width} mask has more pixels than one array holds");
        var pixels = new bool[total];
        for (int i = 0; i < counts.Count; i++)
        {
            if (at + counts[i] > total)
                throw new ArgumentException($"run {i} ({counts[i]}) ends past the {height}x{width} mask's {total} pixels");
            if (i % 2 == 1) Array.Fill(pixels, true, (int)at, (int)counts[i]);
            at += counts[i];
        }
        if (at != total)
            throw new ArgumentException($"the counts add up to {at}; a {height}x{width} mask has {total} pixels");
        return new ObjectMask(width, height, pixels);
    }
}
