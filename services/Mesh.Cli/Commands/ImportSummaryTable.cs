using Mesh.Import;
using Spectre.Console;

namespace Mesh.Cli.Commands;

/// <summary>The table <c>mesh import</c> prints when it is done.</summary>
public static class ImportSummaryTable
{
    public static Table Build(ImportSummary s)
    {
        var table = new Table().Title($"imported {s.Source}").AddColumn("what").AddColumn("written");
        void Row(string what, string value) => table.AddRow(Markup.Escape(what), Markup.Escape(value));
        Row("model directory", s.Output);
        Row("source layout", s.Layout == LlavaLayout.Legacy ? "transformers < 4.52 names" : "transformers >= 4.52 names (renamed)");
        Row("model.safetensors", $"{s.WeightTensors} decoder and projector tensors, {s.WeightDTypes}, {Size(s.WeightBytes)}");
        Row("vision.onnx", $"{s.VisionPrecision}, {s.VisionLayers} CLIP layers, image_features [batch, {s.ImageTokens}, {s.ImageFeatureWidth}], " +
                           $"{Size(s.Vision.Bytes)}{(s.Vision.DataPath is null ? "" : " (weights in vision.onnx.data)")}");
        Row("vision.onnx check", $"max |ONNX Runtime - TorchSharp| / max |feature| = {s.VisionCheckRelativeDiff:E1} (seeded random batch of 2)");
        Row("chat template", s.TemplateFamily);
        Row("copied", s.CopiedFiles.Count == 0 ? "nothing" : string.Join(", ", s.CopiedFiles));
        if (s.IgnoredTensors.Count > 0)
            Row("ignored tensors", $"{s.IgnoredTensors.Count}: {string.Join(", ", s.IgnoredTensors.Take(4))}{(s.IgnoredTensors.Count > 4 ? ", ..." : "")}");
        return table;
    }

    static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F2} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        _ => $"{bytes / 1024.0:F1} KiB",
    };
}
