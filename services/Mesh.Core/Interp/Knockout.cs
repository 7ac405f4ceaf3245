namespace Mesh.Core.Interp;

/// <summary>Positions chosen by group or by an explicit span [Start, End).</summary>
public abstract record TokenSelector
{
    public sealed record Group(TokenGroup Value) : TokenSelector;
    public sealed record Span(long Start, long End) : TokenSelector;

    public bool Contains(TokenGroups groups, long position) => this switch
    {
        Group g => groups.Contains(g.Value, position),
        Span s => position >= s.Start && position < s.End,
        _ => false,
    };

    public static implicit operator TokenSelector(TokenGroup group) => new Group(group);
}

/// <summary>Blocks attention from rows in <see cref="Target"/> to keys in <see cref="Source"/> (information flowing source -> target).</summary>
public sealed record KnockoutEdge(TokenSelector Source, TokenSelector Target);

/// <summary>
/// An attention knockout (PAPER.md section 3): -inf added before the softmax at (row in target, key in
/// source) for every edge, in every head of the layers in <see cref="Layers"/>, in prefill and in every
/// decode step. An empty knockout adds nothing.
/// </summary>
public sealed record Knockout(IReadOnlyList<KnockoutEdge> Edges, LayerSet Layers)
{
    public static Knockout None { get; } = new([], LayerSet.All);

    /// <summary>KO img->gen.</summary>
    public static Knockout ImageToGenerated(LayerSet layers) => new([new(TokenGroup.Image, TokenGroup.Generated)], layers);
    /// <summary>KO img->txt (QUERY rows).</summary>
    public static Knockout ImageToQuery(LayerSet layers) => new([new(TokenGroup.Image, TokenGroup.Query)], layers);
    /// <summary>KO img->txt+gen.</summary>
    public static Knockout ImageToQueryAndGenerated(LayerSet layers) =>
        new([new(TokenGroup.Image, TokenGroup.Query), new(TokenGroup.Image, TokenGroup.Generated)], layers);

    public bool IsEmpty => Edges.Count == 0;

    /// <summary>Whether the key at <paramref name="key"/> is hidden from the row at <paramref name="query"/> in <paramref name="layer"/>.</summary>
    public bool Blocks(TokenGroups groups, int layer, long query, long key) =>
        Layers.Contains(layer) && Edges.Any(e => e.Target.Contains(groups, query) && e.Source.Contains(groups, key));

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for layers out of range, spans outside [0, <paramref name="sequenceLimit"/>)
    /// or empty, and groups with no position in this prompt.
    /// </summary>
    public void Validate(TokenGroups groups, int layerCount, long sequenceLimit)
    {
        if (IsEmpty) return;
        Layers.Validate(layerCount);
        foreach (var selector in Edges.SelectMany(e => new[] { e.Source, e.Target }))
        {
            if (selector is TokenSelector.Span s && (s.Start < 0 || s.End <= s.Start || s.End > sequenceLimit))
                throw new ArgumentException($"span [{s.Start}, {s.End}) must be non-empty and inside [0, {sequenceLimit})");
            if (selector is TokenSelector.Group g && groups.IsEmptyInPrompt(g.Value))
                throw new ArgumentException($"group {g.Value} is empty in this prompt (image {groups.ImageStart}..{groups.ImageEnd}, prompt length {groups.PromptLength})");
        }
    }
}
