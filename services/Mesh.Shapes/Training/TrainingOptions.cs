using System.ComponentModel.DataAnnotations;

namespace Mesh.Shapes.Training;

/// <summary>
/// How <see cref="ShapesTrainer"/> trains: AdamW (betas 0.9 / 0.95) with linear warmup to
/// <see cref="LearningRate"/> then cosine decay to <see cref="MinLearningRateFraction"/> of it, gradient clipping,
/// periodic validation and checkpoints. Step s trains on train-split samples s*B .. s*B+B-1, so a run is a pure
/// function of these options and <see cref="Seed"/> (the initial weights) and resumes exactly from any checkpoint.
/// </summary>
public sealed record TrainingOptions
{
    [Range(1, 10_000_000)] public int Steps { get; init; } = 3000;
    [Range(1, 4096)] public int BatchSize { get; init; } = 16;
    [Range(1e-7, 1.0)] public double LearningRate { get; init; } = 2e-3;
    [Range(0.0, 1.0)] public double MinLearningRateFraction { get; init; } = 0.05;
    [Range(0, 10_000_000)] public int WarmupSteps { get; init; } = 100;
    [Range(0.0, 10.0)] public double WeightDecay { get; init; } = 0.01;
    /// <summary>Largest global gradient norm; larger gradients are scaled down to it.</summary>
    [Range(1e-6, 1e6)] public double ClipNorm { get; init; } = 1.0;
    /// <summary>Seeds torch (the initial weights) and the sample mix (<see cref="Scenes.TrainingMixOptions.Seed"/>).</summary>
    public ulong Seed { get; init; } = 1234;
    /// <summary>Validate every this many steps (and after the last); 0 turns validation off.</summary>
    [Range(0, 10_000_000)] public int ValidationInterval { get; init; } = 250;
    /// <summary>Validation samples for the loss (the first of the validation split).</summary>
    [Range(1, 1000)] public int ValidationSamples { get; init; } = 96;
    /// <summary>Validation scenes for the quick greedy-decoding accuracy (description F1 and VQA).</summary>
    [Range(0, 1000)] public int ValidationScenes { get; init; } = 24;
    /// <summary>Write a checkpoint every this many steps (and after the last) when <see cref="CheckpointDirectory"/> is set.</summary>
    [Range(1, 10_000_000)] public int CheckpointInterval { get; init; } = 100;
    public string? CheckpointDirectory { get; init; }
    /// <summary>
    /// The first this many steps draw text-only samples alone (then <see cref="Mix"/>): the decoder learns to answer
    /// from words (find the named word, compare, count) before images arrive, and image tokens trained towards words
    /// (<see cref="PatchWordWeight"/>) meet circuits that already read words.
    /// </summary>
    [Range(0, 10_000_000)] public int TextOnlySteps { get; init; }
    /// <summary>How often each sample kind is drawn (its <see cref="Scenes.TrainingMixOptions.Seed"/> is replaced by <see cref="Seed"/>).</summary>
    public Scenes.TrainingMixOptions Mix { get; init; } = new();
    /// <summary>Weight of the patch-word loss (<see cref="ShapesLoss"/>) beside the next-token loss; 0 leaves it out. Validation loss is the next-token loss alone.</summary>
    [Range(0.0, 100.0)] public double PatchWordWeight { get; init; }
    /// <summary>What the patch-word loss asks of an image token (<see cref="Training.PatchWordTarget"/>).</summary>
    public PatchWordTarget PatchWordTarget { get; init; }
    /// <summary>The patch-word targets also name the object's layout cell ("top left", "center"; <see cref="ShapesWorld.PatchWords"/>).</summary>
    public bool PatchCellWords { get; init; }
    /// <summary>How the next-token loss averages over target tokens (<see cref="Training.TargetAveraging"/>). Validation loss is always the token mean.</summary>
    public TargetAveraging TargetAveraging { get; init; }
    /// <summary>
    /// Length grouping: 0 or 1 gives each step its consecutive samples. N above 1 takes the samples of N consecutive
    /// steps (a window; windows start at step 0 and at <see cref="TextOnlySteps"/>, and stop there), sorts them by
    /// length and cuts them into N batches of similar length, which the window's steps take in an order shuffled by
    /// <see cref="Seed"/> and the window. The same samples are seen, within the same window, with far less padding
    /// (right padding to a batch's longest sample is most of a mixed batch's waste: text-only samples are a third as
    /// long as image ones). Batches of one kind of sample slow learning, though: see the model card's trials.
    /// </summary>
    [Range(0, 1024)] public int LengthGroupSteps { get; init; }
    /// <summary>Torch intra-op threads; 0 leaves torch's default.</summary>
    [Range(0, 256)] public int Threads { get; init; }

    public void Validate()
    {
        try { Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true); }
        catch (ValidationException e) { throw new ArgumentException($"training options: {e.Message}", e); }
        Mix.Validate();
        if (WarmupSteps >= Steps)
            throw new ArgumentException($"WarmupSteps ({WarmupSteps}) must be below Steps ({Steps})");
        if (TextOnlySteps >= Steps)
            throw new ArgumentException($"TextOnlySteps ({TextOnlySteps}) must be below Steps ({Steps}): the mix must get some steps");
    }

    /// <summary>The learning rate of step <paramref name="step"/> (0-based): linear warmup, then cosine decay.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        double progress = (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps);
        double floor = LearningRate * MinLearningRateFraction;
        return floor + (LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, progress)));
    }
}
