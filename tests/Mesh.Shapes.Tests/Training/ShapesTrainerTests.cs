using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;

namespace Mesh.Shapes.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class ShapesTrainerTests
{
    [Fact]
    public void AShortRunLowersTheValidationLoss()
    {
        using var trainer = TinyTraining.Trainer(steps: 30);
        double before = trainer.Validate().Loss;
        while (!trainer.Done) trainer.Step();
        double after = trainer.Validate().Loss;
        Assert.True(after < 0.8 * before, $"validation loss went from {before:F4} to {after:F4} in 30 steps");
        Assert.All(trainer.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.Tokens > 0));
    }

    [Fact]
    public void TextOnlyStepsComeFirstThenTheMix()
    {
        using var trainer = new ShapesTrainer(ShapesModelOptions.Tiny, TinyTraining.Options(steps: 6) with { TextOnlySteps = 2, BatchSize = 32 });
        Assert.All(trainer.BatchSamples(0).Concat(trainer.BatchSamples(1)), s => Assert.Equal(SampleKind.TextOnly, s.Kind));
        var mixed = trainer.BatchSamples(2);
        Assert.Contains(mixed, s => s.Kind == SampleKind.Description);
        Assert.Contains(mixed, s => s.HasImage);
        Assert.Equal(64UL, trainer.BatchSamples(2)[0].Scene.Seed - trainer.BatchSamples(0)[0].Scene.Seed); // the scene stream goes on
        var error = Assert.Throws<ArgumentException>(() => new ShapesTrainer(ShapesModelOptions.Tiny, TinyTraining.Options(steps: 6) with { TextOnlySteps = 6 }));
        Assert.Contains("TextOnlySteps (6) must be below Steps (6)", error.Message);
    }

    [Fact]
    public void ResumingACheckpointGivesTheLossesOfAnUninterruptedRun()
    {
        double[] straight;
        using (var trainer = TinyTraining.Trainer(steps: 6))
        {
            while (!trainer.Done) trainer.Step();
            straight = [.. trainer.Steps.Select(s => s.Loss)];
        }
        using var folder = new TempDirectory();
        string checkpoint = Path.Combine(folder.Path, "checkpoint");
        using (var first = TinyTraining.Trainer(steps: 6))
        {
            for (int i = 0; i < 3; i++) first.Step();
            first.SaveCheckpoint(checkpoint);
        }
        using var resumed = ShapesTrainer.Resume(checkpoint);
        Assert.Equal(3, resumed.NextStep);
        while (!resumed.Done) resumed.Step();
        // Same batches, same weights and AdamW moments: the same float32 arithmetic, so the same losses.
        Assert.Equal(straight, resumed.Steps.Select(s => s.Loss).ToArray());
    }

    [Fact]
    public void TheMixChangesTheRunAndIsKeptByTheCheckpoint()
    {
        var textOnly = new TrainingMixOptions { Description = 0, Question = 0, FollowUp = 0, TextOnly = 1 };
        using var folder = new TempDirectory();
        string checkpoint = Path.Combine(folder.Path, "checkpoint");
        double mixedLoss, textLoss;
        using (var mixed = TinyTraining.Trainer(steps: 3))
            mixedLoss = mixed.Step().Loss;
        using (var text = new ShapesTrainer(ShapesModelOptions.Tiny, TinyTraining.Options(3) with { Mix = textOnly }))
        {
            textLoss = text.Step().Loss;
            text.SaveCheckpoint(checkpoint);
        }
        // Same initial weights, other samples: text-only batches (no image, one-word answers) give another first loss.
        Assert.NotEqual(mixedLoss, textLoss);
        using var resumed = ShapesTrainer.Resume(checkpoint);
        Assert.Equal(textOnly, resumed.Options.Mix);
    }

    [Fact]
    public void AMixWithoutAPositiveWeightIsRefused()
    {
        var none = new TrainingMixOptions { Description = 0, Question = 0, FollowUp = 0, TextOnly = 0 };
        var e = Assert.Throws<ArgumentException>(() => new ShapesTrainer(ShapesModelOptions.Tiny, TinyTraining.Options(3) with { Mix = none }));
        Assert.Contains("no positive weight", e.Message);
    }

    [Fact]
    public void AFolderWithoutACheckpointIsRefusedByName()
    {
        using var folder = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => ShapesTrainer.Resume(folder.Path));
        Assert.Contains("weights.safetensors is missing", e.Message);
    }

    [Fact]
    public void TheScheduleWarmsUpLinearlyThenDecaysToItsFloor()
    {
        var options = new TrainingOptions { Steps = 110, WarmupSteps = 10, LearningRate = 1e-3, MinLearningRateFraction = 0.1 };
        Assert.Equal(1e-4, options.LearningRateAt(0), 12);
        Assert.Equal(1e-3, options.LearningRateAt(9), 12);
        Assert.Equal(1e-3, options.LearningRateAt(10), 12);
        Assert.Equal(0.55e-3, options.LearningRateAt(60), 12);
        Assert.Equal(1e-4, options.LearningRateAt(110), 12);
        Assert.Throws<ArgumentException>(() => new TrainingOptions { Steps = 10, WarmupSteps = 10 }.Validate());
    }
}
