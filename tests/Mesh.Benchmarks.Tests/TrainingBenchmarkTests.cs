using Mesh.Benchmarks;
using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;

namespace Mesh.Benchmarks.Tests;

/// <summary>The training benchmark reads back the recipe a trained model records, and times it.</summary>
public sealed class TrainingBenchmarkTests : IDisposable
{
    static readonly ShapesModelOptions Model = ShapesModelOptions.Tiny with { TieWordEmbeddings = true };
    static readonly TrainingOptions Options = new()
    {
        Steps = 6, BatchSize = 3, LearningRate = 1e-3, WarmupSteps = 2, Seed = 77, ValidationInterval = 0, TextOnlySteps = 2,
        PatchWordWeight = 0.5, PatchWordTarget = PatchWordTarget.Embedding, PatchCellWords = true,
        TargetAveraging = TargetAveraging.Sample, LengthGroupSteps = 2,
        Mix = new TrainingMixOptions { Description = 0.25, Question = 0.5, FollowUp = 0, TextOnly = 0.25 },
    };

    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mesh-bench-training-");

    public TrainingBenchmarkTests()
    {
        using var trainer = new ShapesTrainer(Model, Options);
        while (!trainer.Done) trainer.Step();
        trainer.WriteModel(_folder.FullName);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TheRecipeReadsBackAsTheTrainerRanIt()
    {
        var recipe = TrainingRecipe.Read(_folder.FullName);
        Assert.Equal(Model, recipe.Model);
        var o = recipe.Options;
        Assert.Equal((Options.Steps, Options.BatchSize, Options.LearningRate, Options.WarmupSteps, Options.Seed, Options.TextOnlySteps),
                     (o.Steps, o.BatchSize, o.LearningRate, o.WarmupSteps, o.Seed, o.TextOnlySteps));
        Assert.Equal((Options.PatchWordWeight, Options.PatchWordTarget, Options.PatchCellWords), (o.PatchWordWeight, o.PatchWordTarget, o.PatchCellWords));
        Assert.Equal(Options.Mix, o.Mix);
        Assert.Equal((Options.TargetAveraging, Options.LengthGroupSteps), (o.TargetAveraging, o.LengthGroupSteps));
    }

    [Fact]
    public void AModelWithoutATrainingRecordOrWithBrokenJsonIsAClearError()
    {
        string config = Path.Combine(_folder.FullName, "config.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(config))!;
        node["mesh"]!.AsObject().Remove("training");
        File.WriteAllText(config, node.ToJsonString());
        var missing = Assert.Throws<InvalidDataException>(() => TrainingRecipe.Read(_folder.FullName));
        Assert.Contains("records no training run (mesh.training)", missing.Message);

        File.WriteAllText(config, "{ \"text_config\": ");
        var broken = Assert.Throws<InvalidDataException>(() => TrainingRecipe.Read(_folder.FullName));
        Assert.Contains("config.json", broken.Message);

        Assert.Throws<FileNotFoundException>(() => TrainingRecipe.Read(Path.Combine(_folder.FullName, "absent")));
    }

    [Fact]
    public void TheBenchmarkTimesBothKindsOfStepAndProjectsTheRecipe()
    {
        var result = TrainingBenchmark.Run(_folder.FullName, stepsPerRun: 2, runs: 1);

        Assert.All(new[] { result.MixedStepMs, result.TextOnlyStepMs, result.RawPixelsMsPerBatch, result.PngPixelsMsPerBatch },
                   ms => Assert.True(ms > 0 && double.IsFinite(ms), $"a timing of {ms} ms"));
        Assert.True(result.MixedTokensPerStep > 0);
        double expected = (2 * result.TextOnlyStepMs + 4 * result.MixedStepMs) / 60_000;
        Assert.Equal(expected, result.RecipeMinutes, 1e-12);
        Assert.All(new[] { result.Mixed.PackedMs, result.Mixed.PaddedMs, result.TextOnly.PackedMs, result.TextOnly.PaddedMs },
                   ms => Assert.True(ms > 0 && double.IsFinite(ms), $"a forward and backward of {ms} ms"));
        double padded = result.RecipeMinutes + (4 * (result.Mixed.PaddedMs - result.Mixed.PackedMs) + 2 * (result.TextOnly.PaddedMs - result.TextOnly.PackedMs)) / 60_000;
        Assert.Equal(padded, result.RecipeMinutesPadded, 1e-12);
        Assert.Equal(padded + 4 * (result.PngPixelsMsPerBatch - result.RawPixelsMsPerBatch) / 60_000, result.RecipeMinutesWithPng, 1e-12);

        string markdown = TrainingBenchReport.Markdown(result, "models/x", "test machine");
        Assert.Contains("## Training: optimizer steps of the embedded model's recipe", markdown);
        Assert.Contains("batch 3, 6 steps of which the first 2 text-only", markdown);
        Assert.Contains("| the recipe's optimizer steps take about an hour or less", markdown);
        Assert.Contains("| the same with every batch padded to its longest sample", markdown);
        Assert.Contains("| a batch's loss forward and backward |", markdown);
    }

    [Fact]
    public void RunsThatWouldOutlastTheRecipeAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingBenchmark.Run(_folder.FullName, stepsPerRun: 3, runs: 2));
        Assert.Contains("the recipe has 6 steps; 3 runs of 3 would run past its schedule", e.Message);
    }
}
