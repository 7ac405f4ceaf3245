using Mesh.Judging;
using Mesh.Contracts.Decoder.V1;
using ScottPlot;

namespace Mesh.Experiments;

/// <summary>
/// docs/paper.md section 3: the three knockout strategies over "from layer l", "except [a, b]" and a sliding window,
/// each description scored by the judge's F1 against the same scene's unmodified description.
/// </summary>
public static class KnockoutExperiment
{
    public const string Name = "knockout";

    public sealed record SceneRuns(string Baseline, Dictionary<string, double> F1, Dictionary<string, string> Texts);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, int windowWidth, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        using var mesh = new MeshClients(options);
        var info = await mesh.Decoder.GetModelInfoAsync(new GetModelInfoRequest(), mesh.Headers, cancellationToken: cancellationToken);
        var conditions = KnockoutCondition.For(info.NumLayers, windowWidth);
        // A scene saved with another window width lacks some conditions: it is recomputed.
        var cache = new ResultCache<SceneRuns>(folder, options.Resume, runs => conditions.All(c => runs.F1.ContainsKey(c.Key)));
        var scenes = new List<SceneRuns>();
        await ExperimentProgress.ForEachSceneAsync(options, $"{Name} ({conditions.Count} runs a scene)", async scene =>
            scenes.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), async () =>
            {
                string baseline = (await mesh.GenerateAsync(MeshRequests.Describe(scene.Png, options.MaxTokens), cancellationToken)).Text;
                var runs = new SceneRuns(baseline, [], []);
                foreach (var condition in conditions)
                {
                    var request = MeshRequests.Describe(scene.Png, options.MaxTokens);
                    request.Knockout = condition.ToProto();
                    string text = (await mesh.GenerateAsync(request, cancellationToken)).Text;
                    runs.Texts[condition.Key] = text;
                    runs.F1[condition.Key] = (await mesh.JudgeAsync(baseline, text, cancellationToken)).F1;
                }
                return runs;
            })));

        var table = new ReportTable("strategy", "layers", "a", "b", "f1_mean", "f1_std", "scenes");
        foreach (var c in conditions)
        {
            var f1 = ScoreSummary.Of([.. scenes.Select(s => s.F1[c.Key])]);
            table.Add(c.Strategy, c.LayerKind, c.A, c.B, f1.Mean, f1.Std, scenes.Count);
        }
        var files = await table.WriteAsync(folder, Name, "", cancellationToken);
        string from = Path.Combine(folder.FullName, Name + "-from.png"), window = Path.Combine(folder.FullName, Name + "-window.png");
        Plot(table, "from", "knockout from layer l (l = -1: all layers)", "l", from);
        Plot(table, "window", $"knockout inside a sliding window of {windowWidth} layers", "window start", window);
        return new ExperimentReport(table, [.. files, from, window], cache.Reused);
    }

    static void Plot(ReportTable table, string kind, string title, string xLabel, string path)
    {
        var plot = new Plot();
        int colour = 0;
        foreach (var strategy in KnockoutCondition.Strategies)
        {
            var rows = table.Rows.Where(r => (string)r[0] == strategy && (string)r[1] == kind).ToArray();
            double[] x = rows.Select(r => Convert.ToDouble(r[2])).ToArray(), y = rows.Select(r => (double)r[4]).ToArray();
            var line = plot.Add.Scatter(x, y, plot.Add.Palette.GetColor(colour++));
            line.LegendText = "KO " + strategy;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("judge F1 vs the unmodified description");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend();
        plot.SavePng(path, 900, 500);
    }
}
