using Mesh.Shapes.Evaluation;
using Mesh.Core.Loading;
using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;

namespace Mesh.Shapes.Tests.Training;

/// <summary>A small, fast training configuration for tests (ShapesModelOptions.Tiny, batches of 8).</summary>
internal static class TinyTraining
{
    public static TrainingOptions Options(int steps) => new()
    {
        Steps = steps, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 2, Seed = 7,
        ValidationSamples = 16, ValidationScenes = 0, ValidationInterval = 0,
    };

    public static ShapesTrainer Trainer(int steps) => new(ShapesModelOptions.Tiny, Options(steps));

    /// <summary>
    /// The model directory <paramref name="folder"/> written from <paramref name="trainer"/>, loaded the ordinary way,
    /// describes and answers test scenes 0-2 exactly as the training model does (greedy, 12 tokens at most).
    /// </summary>
    public static void AssertServedAnswersAsTrained(ShapesTrainer trainer, string folder)
    {
        using var model = VisionLanguageModel.Load(folder);
        var served = new ModelResponder(model, maxNewTokens: 12);
        var training = new TrainingResponder(trainer.Model, trainer.World, maxNewTokens: 12);
        for (int i = 0; i < 3; i++)
        {
            var scene = trainer.World.Generator.Scene(SceneSplit.Test, i);
            foreach (var instruction in new[] { SceneWords.DescribeInstruction, scene.Questions[0].Question, scene.Questions[2].Question })
                Assert.Equal(training.Respond(scene, instruction, withImage: true), served.Respond(scene, instruction, withImage: true));
        }
    }
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
