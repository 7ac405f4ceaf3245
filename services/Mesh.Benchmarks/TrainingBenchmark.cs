using Mesh.Judging;
using Mesh.Shapes.Scenes;
using Mesh.Shapes.Training;

namespace Mesh.Benchmarks;

public sealed record TrainingBenchResult(
    TrainingRecipe Recipe, long Parameters, int StepsPerRun, int Runs,
    double MixedStepMs, double TextOnlyStepMs, double MixedTokensPerStep, double RawPixelsMsPerBatch, double PngPixelsMsPerBatch,
    PassTimes Mixed, PassTimes TextOnly)
{
    int MixedSteps => Recipe.Options.Steps - Recipe.Options.TextOnlySteps;

    /// <summary>Minutes of optimizer steps the recipe takes at the measured step times (validation and checkpoints left out).</summary>
    public double RecipeMinutes => (Recipe.Options.TextOnlySteps * TextOnlyStepMs + MixedSteps * MixedStepMs) / 60_000;

    /// <summary>The same with each mixed batch's images going through a PNG round trip, as training did before the raw-pixel path.</summary>
    public double RecipeMinutesWithPng => RecipeMinutesPadded + MixedSteps * (PngPixelsMsPerBatch - RawPixelsMsPerBatch) / 60_000;

    /// <summary>The same with every batch padded to its longest sample, as training ran before packing.</summary>
    public double RecipeMinutesPadded => RecipeMinutes +
        (MixedSteps * (Mixed.PaddedMs - Mixed.PackedMs) + Recipe.Options.TextOnlySteps * (TextOnly.PaddedMs - TextOnly.PackedMs)) / 60_000;
}

/// <summary>Median ms of one batch's loss forward and backward, packed (what training does) and padded to its longest sample.</summary>
public sealed record PassTimes(double PackedMs, double PaddedMs);

/// <summary>
/// Speed of <c>mesh train</c> on the recipe a model directory records: median ms per optimizer step (forward,
/// backward, clipping, AdamW, the batch's samples and collation included) of a mixed step and of a text-only step,
/// and what preparing a mixed batch's images costs from raw pixels (what training does) against a PNG encode and
/// decode of each image (the path a served image takes). The two kinds of step take turns step by step, as do the
/// two image paths, so that the machine's drift falls on both alike. The weights start from the recipe's seed and
/// train as they would; only speed is read.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchResult Run(string modelDirectory, int stepsPerRun, int runs, Action<string>? progress = null)
    {
        var recipe = TrainingRecipe.Read(modelDirectory);
        var timed = recipe.Options with { ValidationInterval = 0, CheckpointDirectory = null, TextOnlySteps = 0 };
        if (timed.Steps <= (runs + 1) * stepsPerRun)
            throw new ArgumentException($"the recipe has {timed.Steps} steps; {runs + 1} runs of {stepsPerRun} would run past its schedule");
        using var mixed = new ShapesTrainer(recipe.Model, timed);
        using var textOnly = new ShapesTrainer(recipe.Model, timed with
        {
            Mix = TrainingMixOptions.From(kind => kind == SampleKind.TextOnly ? 1 : 0),
        });
        var world = mixed.World;
        var steps = new List<double[]>();
        var pixels = new List<double[]>();
        var mixedPasses = new List<double[]>();
        var textOnlyPasses = new List<double[]>();
        for (int run = -1; run < runs; run++) // run -1 warms up
        {
            progress?.Invoke(run < 0 ? "warm-up" : $"run {run + 1}/{runs}: mixed and text-only steps taking turns, then image preparation and layouts");
            var stepMs = TakingTurns.MeanStepMs([() => mixed.Step(), () => textOnly.Step()], stepsPerRun);
            var batches = ImageBatches(mixed, stepsPerRun);
            int raw = 0, png = 0;
            var pixelMs = TakingTurns.MeanStepMs(
            [
                () => { foreach (var s in batches[raw++]) world.Preprocessor.PreprocessRgb(s.Rgb, s.ImageSize, s.ImageSize); },
                () => { foreach (var s in batches[png++]) world.Preprocessor.Preprocess(s.EncodePng()); },
            ], batches.Count);
            var mixedMs = PackedAgainstPadded(mixed, stepsPerRun);
            var textOnlyMs = PackedAgainstPadded(textOnly, stepsPerRun);
            if (run < 0) continue;
            steps.Add(stepMs);
            pixels.Add(pixelMs);
            mixedPasses.Add(mixedMs);
            textOnlyPasses.Add(textOnlyMs);
        }
        var tokens = mixed.Steps.Skip(stepsPerRun).Average(s => (double)s.Tokens);
        return new TrainingBenchResult(recipe, mixed.Model.ParameterCount, stepsPerRun, runs,
            Median.Of(steps.Select(s => s[0])), Median.Of(steps.Select(s => s[1])), tokens,
            Median.Of(pixels.Select(p => p[0])), Median.Of(pixels.Select(p => p[1])),
            Passes(mixedPasses), Passes(textOnlyPasses));
    }

    static PassTimes Passes(List<double[]> runs) => new(Median.Of(runs.Select(r => r[0])), Median.Of(runs.Select(r => r[1])));

    /// <summary>
    /// Mean ms of the loss forward and backward on each of the last <paramref name="count"/> batches
    /// <paramref name="trainer"/> ran, collated packed and padded to the longest, taking turns (no optimizer step:
    /// the next step clears the gradients).
    /// </summary>
    static double[] PackedAgainstPadded(ShapesTrainer trainer, int count)
    {
        var batches = Enumerable.Range(trainer.NextStep - count, count).Select(trainer.BatchSamples)
            .Select(samples => (Packed: trainer.Collate(samples), Padded: trainer.Collate(samples, padToLongest: true))).ToList();
        try
        {
            int packed = 0, padded = 0;
            return TakingTurns.MeanStepMs([() => Pass(batches[packed++].Packed), () => Pass(batches[padded++].Padded)], count);
        }
        finally
        {
            foreach (var (a, b) in batches) { a.Dispose(); b.Dispose(); }
        }

        // As in a training step, no collection may finalize a temporary Scalar mid-call (see Scalars).
        void Pass(TrainingBatch batch) => Mesh.Core.Nn.Scalars.WithoutCollections(() =>
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            trainer.Loss(batch).backward();
            return true;
        });
    }

    /// <summary>The scenes with an image of each of the last <paramref name="count"/> steps <paramref name="trainer"/> ran.</summary>
    static List<Scene[]> ImageBatches(ShapesTrainer trainer, int count) =>
        [.. Enumerable.Range(trainer.NextStep - count, count).Select(step => trainer.BatchSamples(step).Where(s => s.HasImage).Select(s => s.Scene).ToArray())];
}
