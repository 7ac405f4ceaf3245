using Mesh.Judging;
using Mesh.Contracts.Decoder.V1;
using ScottPlot;

namespace Mesh.Experiments;

/// <summary>
/// docs/paper.md section 6: masked generation keeping the top K% image tokens per layer, ranked by attention over
/// generated tokens and by the baselines random, hidden-state norm and FastV; F1 against the unmasked description.
/// </summary>
public static class SelectionExperiment
{
    public const string Name = "selection";
    public static readonly double[] Ks = [0.02, 0.05, 0.1, 0.25, 0.5, 1.0];
    static readonly (string Name, SelectionMethod Method)[] Methods =
        [("attention", SelectionMethod.Attention), ("random", SelectionMethod.Random), ("norm", SelectionMethod.Norm), ("fastv", SelectionMethod.Fastv)];

    public sealed record SceneRuns(string Baseline, Dictionary<string, double> F1);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, int fastVLayer, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        var cache = new ResultCache<SceneRuns>(folder, options.Resume);
        using var mesh = new MeshClients(options);
        var scenes = new List<SceneRuns>();
        await ExperimentProgress.ForEachSceneAsync(options, Name, async scene =>
            scenes.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), async () =>
            {
                string baseline = (await mesh.GenerateAsync(MeshRequests.Describe(scene.Png, options.MaxTokens), cancellationToken)).Text;
                var runs = new SceneRuns(baseline, []);
                foreach (var (name, method) in Methods)
                    foreach (double k in Ks)
                    {
                        var request = MeshRequests.Describe(scene.Png, options.MaxTokens);
                        request.Selection = new TokenSelection { Method = method, K = k, FastvLayer = fastVLayer, Seed = (int)scene.Index };
                        string text = (await mesh.GenerateAsync(request, cancellationToken)).Text;
                        runs.F1[$"{name}|{k}"] = (await mesh.JudgeAsync(baseline, text, cancellationToken)).F1;
                    }
                return runs;
            })));

        var table = new ReportTable("method", "k", "f1_mean", "f1_std", "scenes");
        foreach (var (name, _) in Methods)
            foreach (double k in Ks)
            {
                var f1 = ScoreSummary.Of([.. scenes.Select(s => s.F1[$"{name}|{k}"])]);
                table.Add(name, k, f1.Mean, f1.Std, scenes.Count);
            }
        var files = await table.WriteAsync(folder, Name, "", cancellationToken);

        var plot = new Plot();
        int colour = 0;
        foreach (var (name, _) in Methods)
        {
            var rows = table.Rows.Where(r => (string)r[0] == name).ToArray();
            var line = plot.Add.Scatter(rows.Select(r => 100 * (double)r[1]).ToArray(), rows.Select(r => (double)r[2]).ToArray(), plot.Add.Palette.GetColor(colour++));
            line.LegendText = name;
        }
        plot.Title("Masked generation: description F1 against K");
        plot.XLabel("K (% of image tokens kept per layer)");
        plot.YLabel("judge F1 vs the unmasked description");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend();
        string png = Path.Combine(folder.FullName, Name + ".png");
        plot.SavePng(png, 900, 500);
        return new ExperimentReport(table, [.. files, png], cache.Reused);
    }
}
