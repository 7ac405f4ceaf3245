using Mesh.Clients;
using Mesh.Judging;

namespace Mesh.Cli.Client;

/// <summary>One layer's attention fractions pooled over tokens.</summary>
public sealed record LayerFractionStats(int Layer, ScoreSummary Image, ScoreSummary Query, ScoreSummary Generated);

/// <summary>Attention fractions of a streamed description, pooled per layer.</summary>
public static class LayerFractions
{
    /// <summary>Per layer: mean and population std over tokens of a_IMAGE, a_QUERY, a_GENERATED (docs/paper.md section 2).</summary>
    public static IReadOnlyList<LayerFractionStats> FractionStats(this DescribeRun run) =>
        run.Traces.Values.SelectMany(t => t.Layers).GroupBy(l => l.Layer).OrderBy(g => g.Key)
            .Select(g => new LayerFractionStats(g.Key, Pooled(g.Select(l => l.Image)), Pooled(g.Select(l => l.Query)), Pooled(g.Select(l => l.Generated))))
            .ToArray();

    static ScoreSummary Pooled(IEnumerable<float> values) => ScoreSummary.Of([.. values.Select(x => (double)x)]);
}
