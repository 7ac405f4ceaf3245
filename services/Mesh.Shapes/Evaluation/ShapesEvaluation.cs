using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Evaluation;

/// <summary>
/// Quality on a range of a split's scenes. Descriptions: object F1 of (colour, kind) pairs pooled over all scenes
/// (<see cref="DescriptionObjects"/>), kind-only F1, exact matches, and object F1 by the scene's object count.
/// VQA: per scene one question of each category (scene index i asks question i mod n of the category's n), asked
/// with the image; exact match of the short answer.
/// Text-only: the same questions asked after the true description given as text (no image).
/// By form (when asked for): every question of every scene, grouped by <see cref="QuestionForm"/>, with the image
/// and (with text-only) after the description as text.
/// </summary>
public sealed record ShapesEvaluation
{
    public required SceneSplit Split { get; init; }
    public required long Start { get; init; }
    public required int Scenes { get; init; }
    public required F1Count Objects { get; init; }
    public required F1Count Kinds { get; init; }
    public required int ExactDescriptions { get; init; }
    public required IReadOnlyDictionary<int, F1Count> ObjectsByCount { get; init; }
    public required IReadOnlyDictionary<int, int> ScenesByCount { get; init; }
    public required IReadOnlyDictionary<QuestionCategory, Accuracy> Vqa { get; init; }
    public required Accuracy TextOnly { get; init; }
    public IReadOnlyDictionary<QuestionForm, Accuracy> VqaByForm { get; init; } = new Dictionary<QuestionForm, Accuracy>();
    public IReadOnlyDictionary<QuestionForm, Accuracy> TextOnlyByForm { get; init; } = new Dictionary<QuestionForm, Accuracy>();

    public Accuracy VqaOverall => Vqa.Values.Aggregate(new Accuracy(0, 0), (a, b) => a + b);
}

/// <summary>
/// What kind of question: its category, whether it is answered yes/no or with a word ("open"), and the attributes
/// it names its object by ("what colour is the circle": colour, open, kind).
/// </summary>
public readonly record struct QuestionForm(QuestionCategory Category, bool YesNo, ReferenceParts NamedBy) : IComparable<QuestionForm>
{
    public static QuestionForm Of(QuestionAnswer qa) => new(qa.Category, qa.IsYesNo, qa.NamedBy);

    public int CompareTo(QuestionForm other) =>
        (Category, YesNo, NamedBy).CompareTo((other.Category, other.YesNo, other.NamedBy));
}

/// <summary>Correct answers out of asked.</summary>
public readonly record struct Accuracy(int Correct, int Total)
{
    public double Value => Total == 0 ? 0 : (double)Correct / Total;
    public static Accuracy operator +(Accuracy a, Accuracy b) => new(a.Correct + b.Correct, a.Total + b.Total);
    public override string ToString() => $"{Value:F3} ({Correct}/{Total})";
}
