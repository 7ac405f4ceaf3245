namespace Mesh.Shapes.Scenes;

/// <summary>The question categories, after MME's perception tasks.</summary>
public enum QuestionCategory { Existence, Count, Colour, Shape, Position }

/// <summary>The attributes a question names its object(s) by: "the red object" is <see cref="Colour"/>, "the small circle" <see cref="Size"/> and <see cref="Kind"/>.</summary>
[Flags]
public enum ReferenceParts { None = 0, Colour = 1, Kind = 2, Size = 4, Cell = 8 }

public static class ReferencePartsWords
{
    /// <summary>The parts as lower-case words in a fixed order (colour, kind, size, cell); none for <see cref="ReferenceParts.None"/>.</summary>
    public static IReadOnlyList<string> Words(this ReferenceParts parts) =>
        [.. Enum.GetValues<ReferenceParts>().Where(p => p != ReferenceParts.None && parts.HasFlag(p)).Select(p => p.ToString().ToLowerInvariant())];

    /// <summary>"colour + kind", or "nothing" for <see cref="ReferenceParts.None"/> ("how many objects").</summary>
    public static string Phrase(this ReferenceParts parts) => parts == ReferenceParts.None ? "nothing" : string.Join(" + ", parts.Words());
}

/// <summary>
/// A question about a scene and its short answer: "yes"/"no", a number word, a colour, a kind or a cell name.
/// <see cref="NamedBy"/> says which attributes the question names its object by (<see cref="ReferenceParts.None"/> for "how many objects").
/// </summary>
public sealed record QuestionAnswer(QuestionCategory Category, string Question, string Answer, ReferenceParts NamedBy)
{
    public bool IsYesNo => Answer is SceneWords.Yes or SceneWords.No;
}

/// <summary>
/// A noun phrase picking out objects by some of their attributes: "small red circle", "red object",
/// "object at the top left". A question may use it with "the" only when it picks out exactly one object.
/// </summary>
internal sealed record ObjectReference(ShapeColour? Colour = null, ShapeKind? Kind = null, ObjectSize? Size = null, GridCell? Cell = null)
{
    public static ObjectReference All { get; } = new();

    public bool Matches(SceneObject o) =>
        (Colour is null || o.Colour == Colour) && (Kind is null || o.Kind == Kind) && (Size is null || o.Size == Size) && (Cell is null || o.Cell == Cell);

    public int CountIn(IEnumerable<SceneObject> objects) => objects.Count(Matches);

    public string Singular => Phrase(Kind?.Word() ?? "object");

    public string Plural => Phrase(Kind?.Plural() ?? "objects");

    string Phrase(string noun) => string.Join(' ', new[] { Size?.Word(), Colour?.Word(), noun, Cell?.Phrase }.OfType<string>());

    public ReferenceParts Parts =>
        (Colour is null ? 0 : ReferenceParts.Colour) | (Kind is null ? 0 : ReferenceParts.Kind) |
        (Size is null ? 0 : ReferenceParts.Size) | (Cell is null ? 0 : ReferenceParts.Cell);

    public static IEnumerable<string> Words => ["object", "objects"];
}
