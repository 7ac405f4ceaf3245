using Mesh.Contracts.Common.V1;
using Interp = Mesh.Core.Interp;
using Proto = Mesh.Contracts.Decoder.V1;

namespace Mesh.Experiments;

/// <summary>One knockout run: a strategy of docs/paper.md section 3 over a layer set, with a stable name for tables.</summary>
public sealed record KnockoutCondition(string Strategy, string LayerKind, int A, int B)
{
    /// <summary>The table name of KO img->gen.</summary>
    public const string ImageToGenerated = "img->gen";

    // The strategies by table name; their edges are Mesh.Core's presets, the one definition of each.
    static readonly (string Name, Func<Interp.LayerScope, Interp.AttentionKnockout> Preset)[] Presets =
    [
        (ImageToGenerated, Interp.AttentionKnockout.ImageToGenerated),
        ("img->txt", Interp.AttentionKnockout.ImageToQuery),
        ("img->txt+gen", Interp.AttentionKnockout.ImageToQueryAndGenerated),
    ];

    public static readonly string[] Strategies = [.. Presets.Select(p => p.Name)];

    public string Key => $"{Strategy}|{LayerKind}|{A}|{B}";

    public Proto.Knockout ToProto() => ToProto(Strategy, LayerKind switch
    {
        "from" => new LayerSet { FromLayer = A },
        "except" => new LayerSet { ExceptRange = new LayerRange { First = A, Last = B } },
        _ => new LayerSet { Ranges = new LayerRanges { Ranges = { new LayerRange { First = A, Last = B } } } },
    });

    /// <summary>The knockout of <paramref name="strategy"/> (one of <see cref="Strategies"/>) on <paramref name="layers"/> (null: every layer).</summary>
    public static Proto.Knockout ToProto(string strategy, LayerSet? layers)
    {
        var knockout = new Proto.Knockout { Layers = layers };
        var preset = Presets.Single(p => p.Name == strategy).Preset(Interp.LayerScope.All);
        knockout.Edges.AddRange(preset.Edges.Select(e => new Proto.KnockoutEdge { Source = Selector(e.Source), Target = Selector(e.Target) }));
        return knockout;
    }

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

    // The presets select whole groups.
    static TokenSelector Selector(Interp.PositionSelector selector) => selector switch
    {
        Interp.PositionSelector.Group { Value: var group } => new TokenSelector { Group = group switch
        {
            Interp.PositionGroup.Image => TokenGroup.Image,
            Interp.PositionGroup.Prefix => TokenGroup.Prefix,
            Interp.PositionGroup.Instruction => TokenGroup.Instruction,
            Interp.PositionGroup.Query => TokenGroup.Query,
            _ => TokenGroup.Generated,
        }},
        _ => throw new InvalidOperationException($"a knockout preset selects groups, not {selector}"),
    };
}
