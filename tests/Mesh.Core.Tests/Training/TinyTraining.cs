using Mesh.Core.Training;

namespace Mesh.Core.Tests.Training;

/// <summary>A small, fast training configuration for tests (ShapesModelOptions.Tiny, batches of 8).</summary>
internal static class TinyTraining
{
    public static TrainingOptions Options(int steps) => new()
    {
        Steps = steps, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, Seed = 7,
        ValidationSamples = 16, ValidationScenes = 0, ValidationInterval = 0,
    };

    public static ShapesTrainer Trainer(int steps) => new(ShapesModelOptions.Tiny, Options(steps));
}

/// <summary>
/// Training tests run alone: initial weights come from torch's global generator, which tests running in parallel
/// (any module construction) would draw from between the seeding and the weights.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "training";
}
