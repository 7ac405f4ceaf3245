using Mesh.Core.Scenes;

namespace Mesh.Core.Evaluation;

/// <summary>
/// Quality on a range of a split's scenes. Descriptions: object F1 of (colour, kind) pairs pooled over all scenes
/// (<see cref="DescriptionObjects"/>), kind-only F1, exact matches, and object F1 by the scene's object count.
/// VQA: per scene one question of each category (scene index i asks question i mod n of the category's n), asked
/// with the image; exact match of the short answer.
/// Text-only: the same questions asked after the true description given as text (no image).
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

    public Accuracy VqaOverall => Vqa.Values.Aggregate(new Accuracy(0, 0), (a, b) => a + b);
}

/// <summary>Correct answers out of asked.</summary>
public readonly record struct Accuracy(int Correct, int Total)
{
    public double Value => Total == 0 ? 0 : (double)Correct / Total;
    public static Accuracy operator +(Accuracy a, Accuracy b) => new(a.Correct + b.Correct, a.Total + b.Total);
    public override string ToString() => $"{Value:F3} ({Correct}/{Total})";
}
