namespace Mesh.Shapes.Training;

/// <summary>One optimizer step: its loss before the update, learning rate, gradient norm before clipping, tokens and wall time.</summary>
public sealed record StepRecord(int Step, double Loss, double LearningRate, double GradNorm, long Tokens, double Seconds);

/// <summary>
/// A validation pass after <see cref="Step"/> steps: mean loss on the first validation samples, and greedy-decoding
/// quality on the first validation scenes (description object F1, exact descriptions, VQA accuracy).
/// </summary>
public sealed record ValidationRecord(int Step, double Loss, double DescriptionF1, double ExactDescriptions, double Vqa, int Scenes);

/// <summary>What a checkpoint's <c>state.json</c> holds besides the tensors.</summary>
public sealed record TrainingState
{
    /// <summary>Steps done; the next step to run.</summary>
    public required int Step { get; init; }
    public required ShapesModelOptions Model { get; init; }
    public required TrainingOptions Options { get; init; }
    public double TrainingSeconds { get; init; }
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];
    public IReadOnlyList<ValidationRecord> Validations { get; init; } = [];
}
