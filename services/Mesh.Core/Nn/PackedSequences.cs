using static TorchSharp.torch;

namespace Mesh.Core.Nn;

/// <summary>
/// Sequences of different lengths laid end to end, with no padding, for the training forward
/// (<see cref="LlamaForCausalLM.ForwardPacked"/>): token i of sequence s is flat row <c>start(s) + i</c>. Everything
/// but attention works row by row on the flat rows. Attention runs per <see cref="AttentionBucket"/>: the sequences of
/// similar length, gathered into a right-padded [n, T] block, where a causal row never reads the pads after it.
/// Sequences are sorted by length and cut into at most <c>maxBuckets</c> runs so that the summed attention area
/// (sequences times length squared) is smallest. Padding costs only attention; before packing, every op paid for it
/// (43% of a mixed batch's rows).
/// </summary>
public sealed class PackedSequences : IDisposable
{
    PackedSequences(long rows, Tensor positions, IReadOnlyList<AttentionBucket> buckets, Tensor order, bool uniform) =>
        (Rows, Positions, Buckets, Order, Uniform) = (rows, positions, buckets, order, uniform);

    /// <summary>Flat rows in all (the sum of the lengths).</summary>
    public long Rows { get; }

    /// <summary>[Rows] int64: each row's position in its own sequence (0, 1, ...).</summary>
    public Tensor Positions { get; }

    public IReadOnlyList<AttentionBucket> Buckets { get; }

    /// <summary>
    /// [Rows] int64: where flat row r lies among the buckets' real rows laid end to end, bucket by bucket
    /// (<see cref="AttentionBucket.Real"/>), so that an index_select puts the buckets' outputs back in flat order.
    /// </summary>
    public Tensor Order { get; }

    /// <summary>
    /// Every sequence has the same length: the single bucket's block is the flat rows themselves, so attention
    /// reshapes them instead of gathering (<see cref="AttentionBucket.Slots"/>, <see cref="AttentionBucket.Real"/> and
    /// <see cref="Order"/> are then the identity).
    /// </summary>
    public bool Uniform { get; }

    /// <summary>Rows [N, ...] gathered into <paramref name="bucket"/>'s block [Sequences * Length, ...] (the rows themselves when uniform).</summary>
    public Tensor ToBlock(Tensor rows, AttentionBucket bucket) => Uniform ? rows : rows.index_select(0, bucket.Slots);

    /// <summary>The buckets' blocks [Sequences * Length, ...], in bucket order, back to the flat rows [N, ...]: pads dropped.</summary>
    public Tensor FromBlocks(IReadOnlyList<Tensor> blocks) =>
        Uniform ? blocks[0] : cat([.. blocks.Select((block, i) => block.index_select(0, Buckets[i].Real))], 0).index_select(0, Order);

    /// <summary>The layout of sequences of <paramref name="lengths"/> (each at least 1), in the order given.</summary>
    public static PackedSequences Create(IReadOnlyList<int> lengths, int maxBuckets = 4)
    {
        if (lengths.Count == 0) throw new ArgumentException("at least one sequence is needed", nameof(lengths));
        if (lengths.Any(l => l < 1)) throw new ArgumentException($"sequence lengths must be at least 1, got [{string.Join(", ", lengths)}]", nameof(lengths));
        if (maxBuckets < 1) throw new ArgumentOutOfRangeException(nameof(maxBuckets), maxBuckets, "at least one bucket");

        var starts = new long[lengths.Count];
        for (int s = 1; s < lengths.Count; s++) starts[s] = starts[s - 1] + lengths[s - 1];
        long rows = starts[^1] + lengths[^1];
        var positions = new long[rows];
        for (int s = 0; s < lengths.Count; s++)
            for (int i = 0; i < lengths[s]; i++) positions[starts[s] + i] = i;

        var order = new long[rows];
        var buckets = new List<AttentionBucket>();
        long placed = 0;
        foreach (var members in Cut(lengths, maxBuckets))
        {
            int t = members.Max(s => lengths[s]);
            var slots = new long[members.Count * t];
            var real = new List<long>();
            for (int j = 0; j < members.Count; j++)
            {
                int s = members[j];
                for (int i = 0; i < t; i++)
                {
                    // A pad slot may read any row: only later rows of its own block follow it, and nothing reads those.
                    slots[j * t + i] = starts[s] + Math.Min(i, lengths[s] - 1);
                    if (i >= lengths[s]) continue;
                    order[starts[s] + i] = placed++;
                    real.Add(j * t + i);
                }
            }
            buckets.Add(new AttentionBucket(members.Count, t, tensor(slots), tensor(real.ToArray())));
        }
        return new PackedSequences(rows, tensor(positions), buckets, tensor(order), lengths.All(l => l == lengths[0]));
    }

    /// <summary>
    /// The sequences sorted by length (longest first, ties in the given order), cut into at most
    /// <paramref name="maxBuckets"/> runs of whole lengths, minimising the sum over runs of members times the
    /// longest length squared: a small dynamic programme over the distinct lengths.
    /// </summary>
    static IEnumerable<List<int>> Cut(IReadOnlyList<int> lengths, int maxBuckets)
    {
        var groups = Enumerable.Range(0, lengths.Count).GroupBy(s => lengths[s]).OrderByDescending(g => g.Key)
            .Select(g => (Length: (long)g.Key, Members: g.ToList())).ToList();
        int m = groups.Count, k = Math.Min(maxBuckets, m);
        var counts = new long[m + 1];
        for (int i = 0; i < m; i++) counts[i + 1] = counts[i] + groups[i].Members.Count;
        // best[b, i]: the least cost of cutting the first i groups into b runs; a run of groups j..i-1 costs
        // (its members) * (group j's length)^2, group j being its longest.
        var best = new long[k + 1, m + 1];
        var from = new int[k + 1, m + 1];
        for (int b = 0; b <= k; b++)
            for (int i = 0; i <= m; i++) best[b, i] = i == 0 ? 0 : long.MaxValue;
        for (int b = 1; b <= k; b++)
            for (int i = 1; i <= m; i++)
                for (int j = b - 1; j < i; j++)
                {
                    if (best[b - 1, j] == long.MaxValue) continue;
                    long cost = best[b - 1, j] + (counts[i] - counts[j]) * groups[j].Length * groups[j].Length;
                    if (cost < best[b, i]) (best[b, i], from[b, i]) = (cost, j);
                }
        int runs = Enumerable.Range(1, k).MinBy(b => best[b, m]);   // fewest runs among the cheapest
        var cuts = new List<(int From, int To)>();
        for (int b = runs, i = m; b > 0; i = from[b, i], b--) cuts.Add((from[b, i], i));
        cuts.Reverse();
        return cuts.Select(c => groups[c.From..c.To].SelectMany(g => g.Members).ToList());
    }

    public void Dispose()
    {
        Positions.Dispose();
        Order.Dispose();
        foreach (var bucket in Buckets) bucket.Dispose();
    }
}

/// <summary>
/// <see cref="Sequences"/> sequences attended together as a right-padded [Sequences, Length] block:
/// <see cref="Slots"/> [Sequences * Length] int64 gives the flat row each slot reads (a pad reads some row of its own
/// sequence); <see cref="Real"/> [its rows] int64 the slots that hold real rows, sequence by sequence in the bucket's
/// order (<see cref="PackedSequences.Order"/> maps them back to flat rows).
/// </summary>
public sealed record AttentionBucket(int Sequences, int Length, Tensor Slots, Tensor Real) : IDisposable
{
    public void Dispose()
    {
        Slots.Dispose();
        Real.Dispose();
    }
}
