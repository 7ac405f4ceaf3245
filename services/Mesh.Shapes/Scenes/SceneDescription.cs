namespace Mesh.Shapes.Scenes;

/// <summary>
/// The canonical description. Grammar:
/// <code>
/// description := object ( " and " object )*          objects in reading order of their cells
/// object      := "a " size " " colour " " kind " " where   ("an" before a vowel; the sizes take "a")
/// where       := "at the top left" | "at the top" | "at the top right" | "on the left" | "in the center"
///              | "on the right" | "at the bottom left" | "at the bottom" | "at the bottom right"
/// </code>
/// for example "a large red circle at the top left and a small blue square in the center".
/// </summary>
public static class SceneDescription
{
    const string Separator = " and ";

    /// <summary>The grammar's own words (attribute and place words aside).</summary>
    internal static IEnumerable<string> Words => ["and"];

    public static string Describe(IEnumerable<SceneObject> objects) =>
        string.Join(Separator, objects.OrderBy(o => o.Cell.Index).Select(o => Phrase(o.Size, o.Colour, o.Kind, o.Cell)));

    /// <summary>"a large red circle at the top left".</summary>
    public static string Phrase(ObjectSize size, ShapeColour colour, ShapeKind kind, GridCell cell) =>
        $"{SceneWords.WithArticle(size.Word())} {colour.Word()} {kind.Word()} {cell.Phrase}";

    /// <summary>
    /// The objects a text in this grammar names, in order. Returns null when the text does not follow the
    /// grammar exactly (a model's output may not), so that callers can count it as unparsed.
    /// </summary>
    public static IReadOnlyList<DescribedObject>? Parse(string text)
    {
        var found = new List<DescribedObject>();
        foreach (var part in text.Split(Separator))
        {
            if (!Phrases.TryGetValue(part, out var described))
                return null;
            found.Add(described);
        }
        return found;
    }

    // Every phrase the grammar can make (2 sizes x 7 colours x 6 kinds x 9 cells = 756).
    static readonly Dictionary<string, DescribedObject> Phrases =
        (from size in Enum.GetValues<ObjectSize>()
         from colour in Enum.GetValues<ShapeColour>()
         from kind in Enum.GetValues<ShapeKind>()
         from cell in GridCell.All
         select new DescribedObject(kind, colour, size, cell))
        .ToDictionary(o => Phrase(o.Size, o.Colour, o.Kind, o.Cell), StringComparer.Ordinal);
}

/// <summary>An object as a description names it.</summary>
public sealed record DescribedObject(ShapeKind Kind, ShapeColour Colour, ObjectSize Size, GridCell Cell)
{
    public static DescribedObject Of(SceneObject o) => new(o.Kind, o.Colour, o.Size, o.Cell);
}
