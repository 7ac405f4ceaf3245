using System.Text.Json;

namespace Mesh.Shapes.Scenes;

/// <summary>
/// Writes scenes of a split for other tools: <c>{split}-{index:D6}.png</c> (8-bit RGB) and <c>{split}-{index:D6}.json</c>
/// with the seed, the description, the question/answer pairs (each with the attributes it names its object by:
/// <c>named_by</c>, e.g. ["colour", "kind"]) and per object its kind, colour, size, cell, centre
/// and radius (pixels), bbox [x, y, width, height] and area of the visible pixels, and its mask as uncompressed
/// COCO run lengths (<see cref="ObjectMask.RunLengths"/>: column-major, starting with a background run).
/// </summary>
public static class SceneExporter
{
    // One line: the run-length lists would take a line per number if indented.
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Writes scenes <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of
    /// <paramref name="split"/> into <paramref name="directory"/> (created if missing), calling
    /// <paramref name="progress"/> after each; returns the paths written, PNG then JSON per scene.
    /// </summary>
    public static IReadOnlyList<string> Export(
        SceneGenerator generator, SceneSplit split, long start, int count, string directory, Action<int>? progress = null)
    {
        long size = SceneSplits.Size(split);
        if (count <= 0 || start < 0 || start + count > size)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"scenes {start} to {start + count - 1} requested; the {SceneSplits.Name(split)} split has scenes 0 to {size - 1} and at least one must be asked for");
        Directory.CreateDirectory(directory);
        var written = new List<string>(2 * count);
        for (int i = 0; i < count; i++)
        {
            long index = start + i;
            var scene = generator.Scene(split, index);
            string name = $"{SceneSplits.Name(split)}-{index:D6}";
            string png = Path.Combine(directory, name + ".png"), json = Path.Combine(directory, name + ".json");
            File.WriteAllBytes(png, scene.EncodePng());
            File.WriteAllText(json, JsonSerializer.Serialize(ToFile(scene, split, index, name + ".png"), Json));
            written.AddRange([png, json]);
            progress?.Invoke(i + 1);
        }
        return written;
    }

    static SceneFile ToFile(Scene scene, SceneSplit split, long index, string image) => new(
        SceneSplits.Name(split), index, scene.Seed, scene.ImageSize, scene.ImageSize, image, scene.Description,
        [.. scene.Objects.Select(o => new ObjectEntry(
            o.Kind.Word(), o.Colour.Word(), o.Size.Word(), o.Cell.Name, o.Cell.Row, o.Cell.Column,
            [Math.Round(o.CentreX, 3), Math.Round(o.CentreY, 3)], Math.Round(o.Radius, 3),
            [o.Mask.Bounds.X, o.Mask.Bounds.Y, o.Mask.Bounds.Width, o.Mask.Bounds.Height], o.Mask.Area,
            new MaskEntry([o.Mask.Height, o.Mask.Width], o.Mask.RunLengths())))],
        [.. scene.Questions.Select(q => new QuestionEntry(q.Category.ToString().ToLowerInvariant(), q.Question, q.Answer, q.NamedBy.Words()))]);

    internal sealed record SceneFile(
        string Split, long Index, ulong Seed, int Width, int Height, string Image, string Description,
        IReadOnlyList<ObjectEntry> Objects, IReadOnlyList<QuestionEntry> Questions);

    internal sealed record ObjectEntry(
        string Kind, string Colour, string Size, string Cell, int Row, int Column,
        double[] Centre, double Radius, int[] Bbox, int Area, MaskEntry Mask);

    /// <summary>COCO's uncompressed RLE: size [height, width] and run lengths.</summary>
    internal sealed record MaskEntry(int[] Size, int[] Counts);

    internal sealed record QuestionEntry(string Category, string Question, string Answer, IReadOnlyList<string> NamedBy);
}
