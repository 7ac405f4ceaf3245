namespace Mesh.Core.Interp;

/// <summary>
/// The first row a knockout leaves with no key to attend to, in O(E log E) for E edges whatever the sequence length:
/// rows are swept from 0, each edge counting its source keys in while the row lies in its target. Between two rows
/// where some target starts or ends the edges in force stay the same, and row r needs every key 0..r blocked, so
/// only the first row of each such stretch can be the first fully blocked one.
/// </summary>
internal static class KnockoutRows
{
    /// <summary>The first row below <paramref name="limit"/> whose keys 0..row are all blocked, or null when none is.</summary>
    public static long? FirstFullyBlocked(IReadOnlyList<AttentionEdge> edges, TokenGroups groups, long limit)
    {
        var pairs = (from e in edges
                     from target in e.Target.Intervals(groups, limit)
                     from source in e.Source.Intervals(groups, limit)
                     select (Target: target, Source: source)).ToArray();
        // Slot i holds the keys [bounds[i], bounds[i + 1]); bounds[^1] is the limit.
        long[] bounds = [.. pairs.SelectMany(p => new[] { p.Source.From, p.Source.To }).Append(0).Append(limit).Distinct().Order()];
        var cover = new CoverCounts(bounds.Length - 1);
        var changes = pairs.SelectMany(p => new[] { (Row: p.Target.From, p.Source, Delta: 1), (Row: p.Target.To, p.Source, Delta: -1) })
                           .OrderBy(c => c.Row).ToArray();
        for (int i = 0; i < changes.Length;)
        {
            long row = changes[i].Row;
            for (; i < changes.Length && changes[i].Row == row; i++)
                cover.Add(Array.BinarySearch(bounds, changes[i].Source.From), Array.BinarySearch(bounds, changes[i].Source.To), changes[i].Delta);
            if (row < limit && bounds[cover.FirstUncovered()] > row) return row;
        }
        return null;
    }
}
