namespace Mesh.Core.Interp;

/// <summary>Positions chosen by group or by an explicit span [Start, End); a known group or a non-empty span by construction.</summary>
public abstract record PositionSelector
{
    public sealed record Group : PositionSelector
    {
        public Group(PositionGroup value) =>
            Value = Enum.IsDefined(value) ? value : throw new ArgumentException($"unknown token group {(int)value}; allowed: {string.Join(", ", Enum.GetNames<PositionGroup>())}");

        public PositionGroup Value { get; }
    }

    public sealed record Span : PositionSelector
    {
        public Span(long start, long end)
        {
            if (start < 0 || end <= start) throw new ArgumentException($"span [{start}, {end}) must be non-empty and start at 0 or later");
            (Start, End) = (start, end);
        }

        public long Start { get; }
        public long End { get; }
    }

    public bool Contains(TokenGroups groups, long position) => this switch
    {
        Group g => groups.Contains(g.Value, position),
        Span s => position >= s.Start && position < s.End,
        _ => false,
    };

    /// <summary>The positions below <paramref name="limit"/> as at most two non-empty intervals [From, To).</summary>
    internal IEnumerable<(long From, long To)> Intervals(TokenGroups groups, long limit) =>
        (this switch { Group g => groups.Intervals(g.Value), Span s => [(s.Start, s.End)], _ => [] })
        .Select(i => (From: Math.Max(i.From, 0), To: Math.Min(i.To, limit))).Where(i => i.From < i.To);

    public static implicit operator PositionSelector(PositionGroup group) => new Group(group);
}

/// <summary>Blocks attention from rows in <see cref="Target"/> to keys in <see cref="Source"/> (information flowing source -> target).</summary>
public sealed record AttentionEdge(PositionSelector Source, PositionSelector Target);

/// <summary>
/// An attention knockout (docs/paper.md section 3): -inf added before the softmax at (row in target, key in
/// source) for every edge, in every head of the layers in <see cref="Layers"/>, in prefill and in every
/// decode step. An empty knockout adds nothing.
/// </summary>
public sealed record AttentionKnockout(IReadOnlyList<AttentionEdge> Edges, LayerScope Layers)
{
    public static AttentionKnockout None { get; } = new([], LayerScope.All);

    /// <summary>KO img->gen.</summary>
    public static AttentionKnockout ImageToGenerated(LayerScope layers) => new([new(PositionGroup.Image, PositionGroup.Generated)], layers);
    /// <summary>KO img->txt (QUERY rows).</summary>
    public static AttentionKnockout ImageToQuery(LayerScope layers) => new([new(PositionGroup.Image, PositionGroup.Query)], layers);
    /// <summary>KO img->txt+gen.</summary>
    public static AttentionKnockout ImageToQueryAndGenerated(LayerScope layers) =>
        new([new(PositionGroup.Image, PositionGroup.Query), new(PositionGroup.Image, PositionGroup.Generated)], layers);

    public bool IsEmpty => Edges.Count == 0;

    /// <summary>Whether the key at <paramref name="key"/> is hidden from the row at <paramref name="query"/> in <paramref name="layer"/>.</summary>
    public bool Blocks(TokenGroups groups, int layer, long query, long key) =>
        Layers.Contains(layer) && Edges.Any(e => e.Target.Contains(groups, query) && e.Source.Contains(groups, key));

    /// <summary>
    /// Blocked entries [T, S] (row-major) of one step in <paramref name="layer"/>: per edge, rows in the target
    /// times keys in the source. Null when the layer is not knocked out.
    /// </summary>
    public bool[]? BlockedEntries(TokenGroups groups, int layer, ReadOnlySpan<long> queries, ReadOnlySpan<long> keys)
    {
        if (IsEmpty || !Layers.Contains(layer)) return null;
        int t = queries.Length, s = keys.Length;
        var blocked = new bool[t * s];
        var keyIn = new bool[s];
        foreach (var edge in Edges)
        {
            for (int k = 0; k < s; k++) keyIn[k] = edge.Source.Contains(groups, keys[k]);
            for (int q = 0; q < t; q++)
            {
                if (!edge.Target.Contains(groups, queries[q])) continue;
                var row = blocked.AsSpan(q * s, s);
                for (int k = 0; k < s; k++) row[k] |= keyIn[k];
            }
        }
        return blocked;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> for layers outside the model or none of it, spans past <paramref name="sequenceLimit"/>,
    /// groups with no position in this prompt and rows left with no key.
    /// </summary>
    internal void CheckFits(TokenGroups groups, int layerCount, long sequenceLimit)
    {
        if (IsEmpty) return;
        Layers.CheckWithin(layerCount);
        if (!Layers.Enumerate(layerCount).Any())
            throw new ArgumentException($"the knockout's layers {Layers} hold no layer of this model (layers 0..{layerCount - 1}), so it would change " +
                                        "nothing; narrow the excepted range, or send no knockout to generate without one");
        foreach (var selector in Edges.SelectMany(e => new[] { e.Source, e.Target }))
        {
            if (selector is PositionSelector.Span s && s.End > sequenceLimit)
                throw new ArgumentException($"span [{s.Start}, {s.End}) must lie inside [0, {sequenceLimit})");
            if (selector is PositionSelector.Group g && groups.IsEmptyInPrompt(g.Value))
                throw new ArgumentException($"group {g.Value} is empty in this prompt (image {groups.ImageStart}..{groups.ImageEnd}, prompt length {groups.PromptLength})");
        }
        RefuseFullyBlockedRows(groups, sequenceLimit);
    }

    /// <summary>
    /// A row whose every visible key (positions 0 .. row) is blocked would softmax to NaN; such a knockout
    /// (QUERY -> QUERY blocks BOS from itself, say) is refused up front rather than producing garbage.
    /// </summary>
    void RefuseFullyBlockedRows(TokenGroups groups, long sequenceLimit)
    {
        if (KnockoutRows.FirstFullyBlocked(Edges, groups, sequenceLimit) is long row)
            throw new ArgumentException(
                $"the knockout blocks every key visible to position {row} (keys 0..{row}), which leaves its attention row empty; " +
                "each row must keep at least one key (a position can always attend to itself unless its own group is blocked)");
    }
}
