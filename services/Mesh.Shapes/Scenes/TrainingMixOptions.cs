namespace Mesh.Shapes.Scenes;

/// <summary>The kinds of training sample (layouts in <see cref="ShapesTrainingSet"/>).</summary>
public enum SampleKind
{
    /// <summary>Image + "describe the image" -> the description.</summary>
    Description,
    /// <summary>Image + a question -> its answer.</summary>
    Question,
    /// <summary>Image + "describe the image", then a follow-up question -> its answer (docs/paper.md section 7's re-prompting).</summary>
    FollowUp,
    /// <summary>The description as text + a question -> its answer, no image (the text-only baseline).</summary>
    TextOnly,
    /// <summary>
    /// Image + several questions in turns, each after the answer to the one before (LLaVA-1.5's multi-turn layout),
    /// one question per category -> every answer. One image encoding carries several answers.
    /// </summary>
    Conversation,
}

/// <summary>
/// How often each <see cref="SampleKind"/> is drawn, as relative weights (they need not sum to 1), and the seed
/// of the draws. Defaults 0.3 / 0.4 / 0.1 / 0.2 / 0 (description / question / follow-up / text-only / conversation), seed 0.
/// </summary>
public sealed record TrainingMixOptions
{
    public double Description { get; init; } = 0.3;
    public double Question { get; init; } = 0.4;
    public double FollowUp { get; init; } = 0.1;
    public double TextOnly { get; init; } = 0.2;
    public double Conversation { get; init; }
    public ulong Seed { get; init; }

    public double Weight(SampleKind kind) => kind switch
    {
        SampleKind.Description => Description,
        SampleKind.Question => Question,
        SampleKind.FollowUp => FollowUp,
        SampleKind.TextOnly => TextOnly,
        SampleKind.Conversation => Conversation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a sample kind"),
    };

    /// <summary>The mix giving each kind <paramref name="weight"/>(kind), with seed <paramref name="seed"/>.</summary>
    public static TrainingMixOptions From(Func<SampleKind, double> weight, ulong seed = 0) => new()
    {
        Description = weight(SampleKind.Description), Question = weight(SampleKind.Question), FollowUp = weight(SampleKind.FollowUp),
        TextOnly = weight(SampleKind.TextOnly), Conversation = weight(SampleKind.Conversation), Seed = seed,
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless every weight is finite and non-negative and one is positive.</summary>
    public void Validate()
    {
        foreach (var kind in Enum.GetValues<SampleKind>())
            if (!double.IsFinite(Weight(kind)) || Weight(kind) < 0)
                throw new ArgumentException($"the training mix weight of {kind} is {Weight(kind)}; weights must be finite and >= 0");
        if (Enum.GetValues<SampleKind>().Sum(Weight) <= 0)
            throw new ArgumentException("the training mix has no positive weight; give at least one sample kind a weight above 0");
    }
}
