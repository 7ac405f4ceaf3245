namespace Mesh.Localization.Semantic;

/// <summary>The class names of a segmentation model: a text file with one label per line, in class-index order.</summary>
public static class SegmentationLabels
{
    /// <summary>Reads <paramref name="path"/>; blank lines are skipped; throws <see cref="InvalidDataException"/> for an empty list or a repeated label.</summary>
    public static IReadOnlyList<string> Load(string path) => Check([.. File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0)], path);

    /// <summary>Checks a label list; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string> labels, string source)
    {
        if (labels.Count == 0)
            throw new InvalidDataException($"{source} holds no labels; write one class name per line, in class-index order");
        var repeated = labels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new InvalidDataException($"{source} lists '{repeated.Key}' more than once; each class needs its own name");
        return labels;
    }
}
