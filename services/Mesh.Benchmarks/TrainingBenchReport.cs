using System.Globalization;
using System.Text;

namespace Mesh.Benchmarks;

/// <summary>The training benchmark as markdown, judged against the embedded model's training-time target.</summary>
public static class TrainingBenchReport
{
    /// <summary>The training budget: the shipped model trains in about an hour or less on a 2-core machine.</summary>
    public const double TargetMinutes = 60;

    public static string Markdown(TrainingBenchResult r, string modelDirectory, string machine)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = r.Recipe.Options;
        var md = new StringBuilder();
        md.AppendLine("## Training: optimizer steps of the embedded model's recipe");
        md.AppendLine();
        md.AppendLine(inv, $"`mesh train` on the recipe `{modelDirectory}/config.json` records: {r.Parameters:N0} parameters, batch {o.BatchSize}, " +
                           $"{o.Steps:N0} steps of which the first {o.TextOnlySteps:N0} text-only, patch-word loss {o.PatchWordWeight:G3} " +
                           $"({o.PatchWordTarget.ToString().ToLowerInvariant()}). A step is the whole of `ShapesTrainer.Step`: samples, collation, " +
                           $"forward, backward, clipping and AdamW. {r.StepsPerRun} steps of each kind per run, median of {r.Runs} runs; within a run " +
                           $"the mixed and text-only steps take turns step by step (rotating order), and so do the two image paths and the two batch layouts " +
                           $"(a forward and backward on each of the run's batches, packed and padded). Machine: {machine}.");
        md.AppendLine();
        md.AppendLine("| step | ms/step | steps/s | tokens/s (padding left out) |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        md.AppendLine(inv, $"| mixed (the recipe's mix) | {r.MixedStepMs:F1} | {1000 / r.MixedStepMs:F2} | {r.MixedTokensPerStep * 1000 / r.MixedStepMs:F0} |");
        md.AppendLine(inv, $"| text-only | {r.TextOnlyStepMs:F1} | {1000 / r.TextOnlyStepMs:F2} | |");
        md.AppendLine();
        md.AppendLine("| a mixed batch's images to pixel values | ms/batch | vs raw |");
        md.AppendLine("| --- | ---: | ---: |");
        md.AppendLine(inv, $"| raw pixels (`PreprocessRgb`, what training does) | {r.RawPixelsMsPerBatch:F2} | 1.00x |");
        md.AppendLine(inv, $"| PNG encode + decode (`Preprocess(EncodePng())`, training's path before) | {r.PngPixelsMsPerBatch:F2} | " +
                           $"{r.PngPixelsMsPerBatch / r.RawPixelsMsPerBatch:F1}x |");
        md.AppendLine();
        md.AppendLine("| a batch's loss forward and backward | packed (what training does), ms | padded to the longest (before), ms | padded vs packed |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        md.AppendLine(inv, $"| mixed | {r.Mixed.PackedMs:F1} | {r.Mixed.PaddedMs:F1} | {r.Mixed.PaddedMs / r.Mixed.PackedMs:F2}x |");
        md.AppendLine(inv, $"| text-only | {r.TextOnly.PackedMs:F1} | {r.TextOnly.PaddedMs:F1} | {r.TextOnly.PaddedMs / r.TextOnly.PackedMs:F2}x |");
        md.AppendLine();
        md.AppendLine("| target | measured | met |");
        md.AppendLine("| --- | ---: | --- |");
        md.AppendLine(inv, $"| the recipe's optimizer steps take about an hour or less (<= {TargetMinutes:F0} min; validation and checkpoints left out) | " +
                           $"{r.RecipeMinutes:F1} min | {Stats.Met(r.RecipeMinutes <= TargetMinutes)} |");
        md.AppendLine(inv, $"| the same with every batch padded to its longest sample (training before packing) | {r.RecipeMinutesPadded:F1} min | " +
                           $"{Stats.Met(r.RecipeMinutesPadded <= TargetMinutes)} |");
        md.AppendLine(inv, $"| padded, and with the PNG round trip per image (training before raw pixels) | {r.RecipeMinutesWithPng:F1} min | " +
                           $"{Stats.Met(r.RecipeMinutesWithPng <= TargetMinutes)} |");
        return md.ToString();
    }
}
