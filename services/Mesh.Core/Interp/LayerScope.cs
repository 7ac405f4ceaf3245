namespace Mesh.Core.Interp;

/// <summary>
/// The layers an intervention applies to (docs/paper.md section 3): explicit layers, an inclusive range,
/// "from l" (layers l+1 .. L-1; l = -1 means all) or "except [a, b]" (every layer outside [a, b]).
/// The factories refuse shapes no model could hold (<see cref="ArgumentException"/>); whether the layers
/// exist in a given model is checked when a request is fitted to it (<see cref="InterpOptions.For"/>).
/// </summary>
public sealed record LayerScope
{
    enum Kind { Explicit, Range, From, Except, Union }

    readonly Kind _kind;
    readonly int[] _layers = [];
    readonly (int First, int Last)[] _ranges = [];
    readonly int _a, _b;

    LayerScope(Kind kind, int a = 0, int b = 0, int[]? layers = null, (int, int)[]? ranges = null) =>
        (_kind, _a, _b, _layers, _ranges) = (kind, a, b, layers ?? [], ranges ?? []);

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

    /// <summary>The union of inclusive ranges, kept as ranges (never expanded: a range may be as wide as a client writes it).</summary>
    public static LayerScope Ranges(IReadOnlyList<(int First, int Last)> ranges)
    {
        if (ranges.Count == 0) throw new ArgumentException("the range list is empty; give at least one range");
        foreach (var (first, last) in ranges) CheckedLast(first, last, "range");
        return ranges.Count == 1 ? Range(ranges[0].First, ranges[0].Last) : new(Kind.Union, ranges: [.. ranges]);
    }

    /// <summary>Layers l+1 .. L-1; l = -1 means every layer.</summary>
    public static LayerScope From(int l) =>
        l >= -1 ? new(Kind.From, l) : throw new ArgumentException($"'from' layer {l} is below -1; -1 means every layer");

    /// <summary>Every layer outside [first, last] inclusive.</summary>
    public static LayerScope Except(int first, int last) => new(Kind.Except, first, CheckedLast(first, last, "excepted range"));

    static int CheckedLast(int first, int last, string what) =>
        first >= 0 && last >= first ? last : throw new ArgumentException($"the {what} {first}..{last} needs 0 <= first <= last");

    public bool Contains(int layer) => _kind switch
    {
        Kind.Explicit => Array.BinarySearch(_layers, layer) >= 0,
        Kind.Range => layer >= _a && layer <= _b,
        Kind.From => layer > _a,
        Kind.Union => _ranges.Any(r => layer >= r.First && layer <= r.Last),
        _ => layer < _a || layer > _b,
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless every named layer lies in [0, <paramref name="layerCount"/>).</summary>
    internal void CheckWithin(int layerCount)
    {
        bool ok = _kind switch
        {
            Kind.Explicit => _layers[^1] < layerCount,
            Kind.From => _a < layerCount,
            Kind.Union => _ranges.Max(r => r.Last) < layerCount,
            _ => _b < layerCount,
        };
        if (!ok) throw new ArgumentException($"layer set {this} is out of range; layers are 0..{layerCount - 1}" +
                                             (_kind == Kind.From ? " and 'from' takes -1..L-1" : ""));
    }

    public IEnumerable<int> Enumerate(int layerCount) => Enumerable.Range(0, layerCount).Where(Contains);

    public override string ToString() => _kind switch
    {
        Kind.Explicit => $"[{string.Join(", ", _layers)}]",
        Kind.Range => $"{_a}..{_b}",
        Kind.From => _a < 0 ? "all" : $"from {_a}",
        Kind.Union => $"[{string.Join(", ", _ranges.Select(r => $"{r.First}..{r.Last}"))}]",
        _ => $"except [{_a}, {_b}]",
    };
}
