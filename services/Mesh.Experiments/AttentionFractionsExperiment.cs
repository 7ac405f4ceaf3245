using Mesh.Judging;
using Mesh.Contracts.Decoder.V1;
using ScottPlot;

namespace Mesh.Experiments;

/// <summary>
/// docs/paper.md section 2: for the row predicting each generated token, per layer, the attention mass on IMAGE,
/// QUERY and GENERATED; pooled over every token of every scene; mean and std per layer.
/// </summary>
public static class AttentionFractionsExperiment
{
    public const string Name = "attention-fractions";

    /// <summary>Per token, per layer: (image, query, generated).</summary>
    public sealed record SceneFractions(string Description, float[][][] Fractions);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        var cache = new ResultCache<SceneFractions>(folder, options.Resume);
        using var mesh = new MeshClients(options);
        var results = new List<SceneFractions>();
        await ExperimentProgress.ForEachSceneAsync(options, Name, async scene =>
            results.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), async () =>
            {
                var request = MeshRequests.Describe(scene.Png, options.MaxTokens);
                request.Trace = new TraceOptions { Level = TraceLevel.Fractions };
                var run = await mesh.GenerateAsync(request, cancellationToken);
                var fractions = run.Traces.OrderBy(t => t.Key)
                    .Select(t => t.Value.Layers.Select(l => new[] { l.Image, l.Query, l.Generated }).ToArray()).ToArray();
                return new SceneFractions(run.Text, fractions);
            })));

        var table = Aggregate(results);
        var files = await table.WriteAsync(folder, Name, "", cancellationToken);
        string png = Path.Combine(folder.FullName, Name + ".png");
        Plot(table, png, results.Count);
        return new ExperimentReport(table, [.. files, png], cache.Reused);
    }

    /// <summary>layer, then mean and std of each group over all tokens of all scenes.</summary>
    public static ReportTable Aggregate(IReadOnlyList<SceneFractions> scenes)
    {
        var table = new ReportTable("layer", "image_mean", "image_std", "query_mean", "query_std", "generated_mean", "generated_std", "tokens");
        var tokens = scenes.SelectMany(s => s.Fractions).ToArray();
        if (tokens.Length == 0) return table;
        for (int layer = 0; layer < tokens[0].Length; layer++)
        {
            var row = new List<object> { layer };
            for (int group = 0; group < 3; group++)
            {
                var summary = ScoreSummary.Of([.. tokens.Select(t => (double)t[layer][group])]);
                row.Add(summary.Mean);
                row.Add(summary.Std);
            }
            row.Add(tokens.Length);
            table.Add([.. row]);
        }
        return table;
    }

    static void Plot(ReportTable table, string path, int scenes)
    {
        var plot = new Plot();
        double[] layers = table.Rows.Select(r => Convert.ToDouble(r[0])).ToArray();
        string[] names = ["IMAGE", "QUERY", "GENERATED"];
        for (int g = 0; g < 3; g++)
        {
            double[] mean = table.Rows.Select(r => (double)r[1 + 2 * g]).ToArray();
            double[] std = table.Rows.Select(r => (double)r[2 + 2 * g]).ToArray();
            var band = plot.Add.FillY(layers, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray());
            band.FillStyle.Color = plot.Add.Palette.GetColor(g).WithAlpha(0.2);
            band.LineStyle.Width = 0;
            var line = plot.Add.Scatter(layers, mean, plot.Add.Palette.GetColor(g));
            line.LegendText = names[g];
        }
        plot.Title($"Attention of the predicting rows per layer ({scenes} scenes, mean ± std over tokens)");
        plot.XLabel("layer");
        plot.YLabel("fraction of attention");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
    }
}
