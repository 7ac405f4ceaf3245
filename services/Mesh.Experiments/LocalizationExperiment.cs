using System.Runtime.InteropServices;
using Google.Protobuf;
using Mesh.Clients;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;
using Mesh.Contracts.Segmentation.V1;
using Mesh.Shapes.Scenes;
using Mesh.Localization;
using ScottPlot;

namespace Mesh.Experiments;

/// <summary>
/// docs/paper.md section 5: for objects the unmodified description names but KO img->gen loses (the judge's FN list),
/// per layer, whether the peak of the naming token's image attention falls inside the object's mask (within a
/// tolerance). Masks from the segmentation service and, on Shapes, the generator's exact masks.
/// </summary>
public static class LocalizationExperiment
{
    public const string Name = "localization";

    /// <summary>Per lost object: hits per layer against the segmenter's mask and against the exact mask.</summary>
    public sealed record LostObject(string Object, bool[] SegmenterHits, bool[] ExactHits);
    public sealed record SceneRuns(List<LostObject> Objects, int Unlocated);

    public static async Task<ExperimentReport> RunAsync(ExperimentOptions options, double toleranceCells, CancellationToken cancellationToken)
    {
        var folder = options.Folder(Name);
        var cache = new ResultCache<SceneRuns>(folder, options.Resume);
        using var mesh = new MeshClients(options);
        var scenes = new List<SceneRuns>();
        await ExperimentProgress.ForEachSceneAsync(options, Name, async scene =>
            scenes.Add(await cache.GetOrComputeAsync(scene.Id(options.Split), () => RunScene(mesh, scene, options, toleranceCells, cancellationToken))));

        var objects = scenes.SelectMany(s => s.Objects).ToArray();
        int layers = objects.FirstOrDefault()?.ExactHits.Length ?? 0;
        var table = new ReportTable("layer", "accuracy_segmenter_masks", "accuracy_exact_masks", "objects");
        for (int l = 0; l < layers; l++)
            table.Add(l, objects.Average(o => o.SegmenterHits[l] ? 1.0 : 0.0), objects.Average(o => o.ExactHits[l] ? 1.0 : 0.0), objects.Length);
        var files = await table.WriteAsync(folder, Name,
            $"\n{objects.Length} lost objects located; {scenes.Sum(s => s.Unlocated)} lost objects had no naming token in the description.\n",
            cancellationToken);
        var plot = new Plot();
        double[] x = table.Rows.Select(r => Convert.ToDouble(r[0])).ToArray();
        plot.Add.Scatter(x, table.Rows.Select(r => (double)r[1]).ToArray()).LegendText = "segmentation-service masks";
        plot.Add.Scatter(x, table.Rows.Select(r => (double)r[2]).ToArray()).LegendText = "exact masks";
        plot.Title($"Localization of objects lost under KO img->gen ({objects.Length} objects, tolerance {toleranceCells} cell)");
        plot.XLabel("layer");
        plot.YLabel("accuracy (peak inside the mask)");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend();
        string png = Path.Combine(folder.FullName, Name + ".png");
        plot.SavePng(png, 900, 500);
        return new ExperimentReport(table, [.. files, png], cache.Reused);
    }

    static async Task<SceneRuns> RunScene(MeshClients mesh, SceneItem scene, ExperimentOptions options, double toleranceCells, CancellationToken ct)
    {
        var baselineRequest = MeshRequests.Describe(scene.Png, options.MaxTokens);
        baselineRequest.Trace = new TraceOptions { Level = TraceLevel.ImageMaps };
        var baseline = await mesh.GenerateAsync(baselineRequest, ct);
        var knockout = MeshRequests.Describe(scene.Png, options.MaxTokens);
        knockout.Knockout = new KnockoutCondition(KnockoutCondition.ImageToGenerated, "from", -1, 0).ToProto();
        var lost = (await mesh.JudgeAsync(baseline.Text, (await mesh.GenerateAsync(knockout, ct)).Text, ct)).FalseNegatives;

        var runs = new SceneRuns([], 0);
        int unlocated = 0;
        foreach (string name in lost)
        {
            var tokens = baseline.Tokens.Where(t => Names(t.Text, name)).Select(t => t.Index).ToArray();
            if (tokens.Length == 0) { unlocated++; continue; }
            var segmented = await mesh.Segmentation.SegmentAsync(new SegmentRequest { Image = ByteString.CopyFrom(scene.Png), ObjectNames = { name } },
                                                                 mesh.Headers, cancellationToken: ct);
            var segmenterMask = Union(segmented.Objects.Where(o => o.Name == name).Select(o => RowMajorRle.Decode(o.Mask.Height, o.Mask.Width, o.Mask.Counts)), scene);
            var exactMask = Union(scene.Scene.Objects.Where(o => Names(o.Kind.Word(), name)).Select(o => o.Mask), scene);
            int layers = baseline.Traces[tokens[0]].Layers.Count;
            var segmenterHits = new bool[layers];
            var exactHits = new bool[layers];
            for (int l = 0; l < layers; l++)
            {
                var map = MeanMap(tokens.Select(t => baseline.Traces[t].Layers[l].ImageMap));
                segmenterHits[l] = await Hit(mesh, map, segmenterMask, toleranceCells, ct);
                exactHits[l] = await Hit(mesh, map, exactMask, toleranceCells, ct);
            }
            runs.Objects.Add(new LostObject(name, segmenterHits, exactHits));
        }
        return runs with { Unlocated = unlocated };
    }

    /// <summary>Whether a generated token's text names <paramref name="name"/> (or its plural).</summary>
    static bool Names(string token, string name)
    {
        string word = token.Trim().ToLowerInvariant();
        return word == name || word == name + "s" || word == name + "es";
    }

    static Mesh.Contracts.Segmentation.V1.RleMask Union(IEnumerable<Mesh.Shapes.Scenes.ObjectMask> masks, SceneItem scene)
    {
        int size = scene.Scene.ImageSize;
        var pixels = new bool[size * size];
        foreach (var mask in masks)
            for (int i = 0; i < pixels.Length; i++) pixels[i] |= mask.Pixels[i];
        var rle = new Mesh.Contracts.Segmentation.V1.RleMask { Height = size, Width = size };
        rle.Counts.AddRange(RowMajorRle.Encode(new Mesh.Shapes.Scenes.ObjectMask(size, size, pixels)));
        return rle;
    }

    /// <summary>The mean of several tokens' image maps (docs/paper.md section 5, multi-token names) as an F32 [rows, cols] tensor.</summary>
    static Tensor MeanMap(IEnumerable<Mesh.Contracts.Decoder.V1.ImageMap> maps)
    {
        var list = maps.ToArray();
        var sum = new float[list[0].GridRows * list[0].GridCols];
        foreach (var map in list)
        {
            var values = AttentionHeatmap.Values(map);
            for (int i = 0; i < sum.Length; i++) sum[i] += values[i] / list.Length;
        }
        var tensor = new Tensor { Dtype = DType.F32, Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(sum.AsSpan())) };
        tensor.Shape.AddRange([list[0].GridRows, list[0].GridCols]);
        return tensor;
    }

    static async Task<bool> Hit(MeshClients mesh, Tensor map, Mesh.Contracts.Segmentation.V1.RleMask mask, double toleranceCells, CancellationToken ct)
    {
        if (mask.Counts.Count <= 1) return false;   // no pixel of the object: the segmenter did not find it
        var response = await mesh.Segmentation.LocalizeAsync(new LocalizeRequest
        {
            AttentionMap = map, Mask = mask, Tolerance = new Tolerance { Cells = toleranceCells },
        }, mesh.Headers, cancellationToken: ct);
        return response.Hit;
    }
}
