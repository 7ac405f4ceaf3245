namespace Mesh.Shapes.Scenes;

/// <summary>
/// The question/answer pairs of a scene, in this order:
/// existence (one "yes" and one "no": "is there a red circle"), count ("how many circles are there"),
/// colour ("what colour is the circle", "is the circle red"), shape ("what shape is the red object",
/// "is the red object a circle") and position ("where is the red circle", "is the red circle at the top left").
/// An object is referred to with "the" only by a phrase that fits it alone. The yes/no questions of colour,
/// shape and position get "yes" or "no" with equal chance.
/// </summary>
internal static class SceneQuestions
{
    public static IEnumerable<string> Words =>
        ["is", "there", "how", "many", "are", "what", "colour", "shape", "where", "the", .. ObjectReference.Words];

    public static IReadOnlyList<QuestionAnswer> Ask(IReadOnlyList<SceneObject> objects, SceneRandom random)
    {
        var asked = new List<QuestionAnswer>
        {
            Exists(random.Pick(objects), random),
            DoesNotExist(objects, random),
            Count(objects, random),
        };
        // Names that leave out what is asked: "what colour is the circle", not "what colour is the red circle".
        var withoutColour = Unique(objects, o => [new(Kind: o.Kind), new(Kind: o.Kind, Size: o.Size), new(Cell: o.Cell)]);
        var (o, name) = random.Pick(withoutColour);
        asked.Add(new(QuestionCategory.Colour, $"what colour is the {name.Singular}", o.Colour.Word(), name.Parts));
        (o, name) = random.Pick(withoutColour);
        var colour = random.NextBool() ? o.Colour : random.Pick(Enum.GetValues<ShapeColour>().Where(c => c != o.Colour).ToArray());
        asked.Add(new(QuestionCategory.Colour, $"is the {name.Singular} {colour.Word()}", YesNo(colour == o.Colour), name.Parts));

        var withoutKind = Unique(objects, o => [new(Colour: o.Colour), new(Colour: o.Colour, Size: o.Size), new(Cell: o.Cell)]);
        (o, name) = random.Pick(withoutKind);
        asked.Add(new(QuestionCategory.Shape, $"what shape is the {name.Singular}", o.Kind.Word(), name.Parts));
        (o, name) = random.Pick(withoutKind);
        var kind = random.NextBool() ? o.Kind : random.Pick(Enum.GetValues<ShapeKind>().Where(k => k != o.Kind).ToArray());
        asked.Add(new(QuestionCategory.Shape, $"is the {name.Singular} {SceneWords.WithArticle(kind.Word())}", YesNo(kind == o.Kind), name.Parts));

        // Two identical objects have no unique name without their cells; then there is no position question.
        var withoutCell = Unique(objects, o => [new(Colour: o.Colour, Kind: o.Kind), new(Kind: o.Kind), new(Colour: o.Colour), new(o.Colour, o.Kind, o.Size)]);
        if (withoutCell.Count > 0)
        {
            (o, name) = random.Pick(withoutCell);
            asked.Add(new(QuestionCategory.Position, $"where is the {name.Singular}", o.Cell.Name, name.Parts));
            (o, name) = random.Pick(withoutCell);
            var cell = random.NextBool() ? o.Cell : random.Pick(GridCell.All.Where(c => c != o.Cell).ToArray());
            asked.Add(new(QuestionCategory.Position, $"is the {name.Singular} {cell.Phrase}", YesNo(cell == o.Cell), name.Parts));
        }
        return asked;
    }

    // "is there a red circle" / "is there a circle" / "is there a red object", about an object that is there.
    static QuestionAnswer Exists(SceneObject o, SceneRandom random)
    {
        ObjectReference[] forms = [new(o.Colour, o.Kind), new(Kind: o.Kind), new(Colour: o.Colour)];
        var form = random.Pick(forms);
        return new(QuestionCategory.Existence, $"is there {SceneWords.WithArticle(form.Singular)}", SceneWords.Yes, form.Parts);
    }

    // The same forms about something absent; colour-and-kind always has an absent pair (42 pairs, at most 9 objects).
    static QuestionAnswer DoesNotExist(IReadOnlyList<SceneObject> objects, SceneRandom random)
    {
        var colours = Enum.GetValues<ShapeColour>().Cast<ShapeColour?>().ToArray();
        var kinds = Enum.GetValues<ShapeKind>().Cast<ShapeKind?>().ToArray();
        IEnumerable<ObjectReference>[] forms =
        [
            from c in colours from k in kinds select new ObjectReference(c, k),
            kinds.Select(k => new ObjectReference(Kind: k)),
            colours.Select(c => new ObjectReference(Colour: c)),
        ];
        var absent = random.Pick(forms).Where(r => r.CountIn(objects) == 0).ToArray();
        if (absent.Length == 0)
            absent = [.. forms[0].Where(r => r.CountIn(objects) == 0)];
        var form = random.Pick(absent);
        return new(QuestionCategory.Existence, $"is there {SceneWords.WithArticle(form.Singular)}", SceneWords.No, form.Parts);
    }

    // "how many objects / circles / red objects are there"; a kind or colour of an object there three times in four.
    static QuestionAnswer Count(IReadOnlyList<SceneObject> objects, SceneRandom random)
    {
        var o = random.Pick(objects);
        bool present = random.Next(4) > 0;
        ObjectReference reference = random.Next(3) switch
        {
            0 => ObjectReference.All,
            1 => new(Kind: present ? o.Kind : random.Pick<ShapeKind>()),
            _ => new(Colour: present ? o.Colour : random.Pick<ShapeColour>()),
        };
        return new(QuestionCategory.Count, $"how many {reference.Plural} are there", SceneWords.Number(reference.CountIn(objects)), reference.Parts);
    }

    /// <summary>Every (object, name) where the name, one of <paramref name="names"/>' for that object, fits that object alone.</summary>
    static IReadOnlyList<(SceneObject Object, ObjectReference Name)> Unique(IReadOnlyList<SceneObject> objects, Func<SceneObject, IEnumerable<ObjectReference>> names) =>
        [.. from o in objects from r in names(o).Distinct() where r.CountIn(objects) == 1 select (o, r)];

    static string YesNo(bool yes) => yes ? SceneWords.Yes : SceneWords.No;
}
