using Mesh.Contracts.Common.V1;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Experiments;

/// <summary>One knockout run: a strategy of docs/paper.md section 3 over a layer set, with a stable name for tables.</summary>
public sealed record KnockoutCondition(string Strategy, string LayerKind, int A, int B)
{
    public string Key => $"{Strategy}|{LayerKind}|{A}|{B}";

    public Proto.Knockout ToProto()
    {
        var knockout = new Proto.Knockout { Layers = LayerKind switch
        {
            "from" => new LayerSet { FromLayer = A },
            "except" => new LayerSet { ExceptRange = new LayerRange { First = A, Last = B } },
            _ => new LayerSet { Ranges = new LayerRanges { Ranges = { new LayerRange { First = A, Last = B } } } },
        }};
        foreach (var target in Strategy switch { "img->gen" => [TokenGroup.Generated], "img->txt" => [TokenGroup.Query], _ => new[] { TokenGroup.Query, TokenGroup.Generated } })
            knockout.Edges.Add(new Proto.KnockoutEdge
            {
                Source = new TokenSelector { Group = TokenGroup.Image },
                Target = new TokenSelector { Group = target },
            });
        return knockout;
    }

    public static readonly string[] Strategies = ["img->gen", "img->txt", "img->txt+gen"];

    /// <summary>
    /// "From layer l" for l = -1 (all), 0 .. L-2; "except [a, b]" with the LLaVA window [4, 20] of 32 scaled to L
    /// layers; a sliding window of <paramref name="width"/> layers at every start (not run in the paper).
    /// </summary>
    public static IReadOnlyList<KnockoutCondition> For(int layers, int width)
    {
        var (a, b) = ExceptWindow(layers);
        var conditions = new List<KnockoutCondition>();
        foreach (var s in Strategies)
        {
            conditions.AddRange(Enumerable.Range(-1, layers).Select(l => new KnockoutCondition(s, "from", l, 0)));
            conditions.Add(new KnockoutCondition(s, "except", a, b));
            conditions.AddRange(Enumerable.Range(0, layers - width + 1).Select(start => new KnockoutCondition(s, "window", start, start + width - 1)));
        }
        return conditions;
    }

    public static (int A, int B) ExceptWindow(int layers) => ((int)Math.Round(layers * 4 / 32.0), (int)Math.Round(layers * 20 / 32.0));
}
