namespace Mesh.Core.Interp;

/// <summary>
/// The layers an intervention applies to (docs/paper.md section 3): explicit layers, an inclusive range,
/// "from l" (layers l+1 .. L-1; l = -1 means all) or "except [a, b]" (every layer outside [a, b]).
/// </summary>
public sealed record LayerScope
{
    enum Kind { Explicit, Range, From, Except }

    readonly Kind kind;
    readonly int[] layers = [];
    readonly int a, b;

    LayerScope(Kind kind, int a = 0, int b = 0, int[]? layers = null) => (this.kind, this.a, this.b, this.layers) = (kind, a, b, layers ?? []);

    public static LayerScope All { get; } = new(Kind.From, -1);
    public static LayerScope Explicit(params int[] layers) => new(Kind.Explicit, layers: layers.Distinct().Order().ToArray());
    /// <summary>Layers first .. last inclusive.</summary>
    public static LayerScope Range(int first, int last) => new(Kind.Range, first, last);
    /// <summary>Layers l+1 .. L-1; l = -1 means every layer.</summary>
    public static LayerScope From(int l) => new(Kind.From, l);
    /// <summary>Every layer outside [first, last] inclusive.</summary>
    public static LayerScope Except(int first, int last) => new(Kind.Except, first, last);

    public bool Contains(int layer) => kind switch
    {
        Kind.Explicit => Array.BinarySearch(layers, layer) >= 0,
        Kind.Range => layer >= a && layer <= b,
        Kind.From => layer > a,
        _ => layer < a || layer > b,
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless every named layer lies in [0, <paramref name="layerCount"/>).</summary>
    public void Validate(int layerCount)
    {
        string allowed = $"layers are 0..{layerCount - 1}";
        bool ok = kind switch
        {
            Kind.Explicit => layers.Length > 0 && layers.All(l => l >= 0 && l < layerCount),
            Kind.From => a >= -1 && a < layerCount,
            _ => a >= 0 && b >= a && b < layerCount,
        };
        if (!ok) throw new ArgumentException($"layer set {this} is out of range or empty; {allowed}" +
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
