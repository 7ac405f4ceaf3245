namespace Mesh.Core.Scenes;

/// <summary>The question categories, after MME's perception tasks.</summary>
public enum QuestionCategory { Existence, Count, Colour, Shape, Position }

/// <summary>A question about a scene and its short answer: "yes"/"no", a number word, a colour, a kind or a cell name.</summary>
public sealed record QuestionAnswer(QuestionCategory Category, string Question, string Answer)
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

    public static IEnumerable<string> Words => ["object", "objects"];
}
