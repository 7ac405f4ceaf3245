namespace Mesh.Core.Interp;

/// <summary>
/// The layers an intervention applies to (docs/paper.md section 3): explicit layers, an inclusive range,
/// "from l" (layers l+1 .. L-1; l = -1 means all) or "except [a, b]" (every layer outside [a, b]).
/// The factories refuse shapes no model could hold (<see cref="ArgumentException"/>); whether the layers
/// exist in a given model is checked when a request is fitted to it (<see cref="InterpOptions.For"/>).
/// </summary>
public sealed record LayerScope
{
    enum Kind { Explicit, Range, From, Except }

    readonly Kind kind;
    readonly int[] layers = [];
    readonly int a, b;

    LayerScope(Kind kind, int a = 0, int b = 0, int[]? layers = null) => (this.kind, this.a, this.b, this.layers) = (kind, a, b, layers ?? []);

    public static LayerScope All { get; } = new(Kind.From, -1);

    /// <summary>The named layers (at least one, none negative).</summary>
    public static LayerScope Explicit(params int[] layers)
    {
        if (layers.Length == 0 || layers.Any(l => l < 0))
            throw new ArgumentException($"the layer list [{string.Join(", ", layers)}] is empty or names a negative layer; name layers from 0");
        return new(Kind.Explicit, layers: layers.Distinct().Order().ToArray());
    }

    /// <summary>Layers first .. last inclusive.</summary>
    public static LayerScope Range(int first, int last) => new(Kind.Range, first, CheckedLast(first, last, "range"));

    /// <summary>The union of inclusive ranges: one range stays a range, several become their explicit layers.</summary>
    public static LayerScope Ranges(IReadOnlyList<(int First, int Last)> ranges)
    {
        if (ranges.Count == 0) throw new ArgumentException("the range list is empty; give at least one range");
        foreach (var (first, last) in ranges) CheckedLast(first, last, "range");
        return ranges.Count == 1
            ? Range(ranges[0].First, ranges[0].Last)
            : Explicit([.. ranges.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))]);
    }

    /// <summary>Layers l+1 .. L-1; l = -1 means every layer.</summary>
    public static LayerScope From(int l) =>
        l >= -1 ? new(Kind.From, l) : throw new ArgumentException($"'from' layer {l} is below -1; -1 means every layer");

    /// <summary>Every layer outside [first, last] inclusive.</summary>
    public static LayerScope Except(int first, int last) => new(Kind.Except, first, CheckedLast(first, last, "excepted range"));

    static int CheckedLast(int first, int last, string what) =>
        first >= 0 && last >= first ? last : throw new ArgumentException($"the {what} {first}..{last} needs 0 <= first <= last");

    public bool Contains(int layer) => kind switch
    {
        Kind.Explicit => Array.BinarySearch(layers, layer) >= 0,
        Kind.Range => layer >= a && layer <= b,
        Kind.From => layer > a,
        _ => layer < a || layer > b,
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless every named layer lies in [0, <paramref name="layerCount"/>).</summary>
    internal void CheckWithin(int layerCount)
    {
        bool ok = kind switch
        {
            Kind.Explicit => layers[^1] < layerCount,
            Kind.From => a < layerCount,
            _ => b < layerCount,
        };
        if (!ok) throw new ArgumentException($"layer set {this} is out of range; layers are 0..{layerCount - 1}" +
                                             (kind == Kind.From ? " and 'from' takes -1..L-1" : ""));
    }

    public IEnumerable<int> Enumerate(int layerCount) => Enumerable.Range(0, layerCount).Where(Contains);

    public override string ToString() => kind switch
    {
        Kind.Explicit => $"[{string.Join(", ", layers)}]",
        Kind.Range => $"{a}..{b}",
        Kind.From => a < 0 ? "all" : $"from {a}",
        _ => $"except [{a}, {b}]",
    };
}
