using Mesh.Core.Nn;

namespace Mesh.Core.Tests.Nn;

public sealed class PackedSequencesTests
{
    [Fact]
    public void RowsArePackedEndToEndWithTheirOwnPositions()
    {
        using var packing = PackedSequences.Create([3, 1, 2]);
        Assert.Equal(6, packing.Rows);
        Assert.Equal([0L, 1, 2, 0, 0, 1], packing.Positions.data<long>().ToArray());
    }

    [Fact]
    public void EveryRowIsAttendedOnceAndComesBackInFlatOrder()
    {
        int[] lengths = [5, 2, 5, 9, 1, 2, 7];
        using var packing = PackedSequences.Create(lengths, maxBuckets: 3);
        int[] starts = [.. lengths.Select((_, s) => lengths.Take(s).Sum())];
        // Lay out each bucket's real rows end to end, as the attention does, naming each by the flat row its slot reads.
        var laidOut = new List<long>();
        foreach (var bucket in packing.Buckets)
        {
            var slots = bucket.Slots.data<long>().ToArray();
            Assert.Equal(bucket.Sequences * bucket.Length, slots.Length);
            for (int j = 0; j < bucket.Sequences; j++)
            {
                // Each block row reads one sequence: its rows in order, then (pads) rows of the same sequence.
                var row = slots.Skip(j * bucket.Length).Take(bucket.Length).ToArray();
                int s = Array.FindLastIndex(starts, st => st <= row[0]);
                Assert.Equal(starts[s], row[0]);
                Assert.All(row, r => Assert.InRange(r, starts[s], starts[s] + lengths[s] - 1));
                Assert.Equal(Enumerable.Range(starts[s], lengths[s]).Select(r => (long)r), row.Take(lengths[s]));
            }
            laidOut.AddRange(bucket.Real.data<long>().ToArray().Select(i => slots[i]));
        }
        var order = packing.Order.data<long>().ToArray();
        Assert.Equal(Enumerable.Range(0, lengths.Sum()).Select(r => (long)r), order.Select(i => laidOut[(int)i]));
    }

    [Fact]
    public void BucketsCutTheSortedLengthsWhereTheAttentionAreaIsSmallest()
    {
        // Two buckets: {100, 100} and {50, 50, 10} cost 2*100^2 + 3*50^2 = 27,500; {100, 100, 50, 50} and {10} cost 40,100.
        using var two = PackedSequences.Create([50, 100, 10, 100, 50], maxBuckets: 2);
        Assert.Equal([(2, 100), (3, 50)], two.Buckets.Select(b => (b.Sequences, b.Length)));
        Assert.Equal([1L, 3], Members(two.Buckets[0]));          // ties keep the given order
        Assert.Equal([0L, 4, 2], Members(two.Buckets[1]));

        using var one = PackedSequences.Create([50, 100, 10], maxBuckets: 1);
        Assert.Equal([(3, 100)], one.Buckets.Select(b => (b.Sequences, b.Length)));
        using var same = PackedSequences.Create([8, 8, 8], maxBuckets: 4);   // one length, one bucket
        Assert.Single(same.Buckets);

        long[] Members(AttentionBucket bucket)
        {
            var slots = bucket.Slots.data<long>().ToArray();
            int[] lengths = [50, 100, 10, 100, 50];
            int[] starts = [.. lengths.Select((_, s) => lengths.Take(s).Sum())];
            return [.. Enumerable.Range(0, bucket.Sequences).Select(j => (long)Array.IndexOf(starts, (int)slots[j * bucket.Length]))];
        }
    }

    [Fact]
    public void OnlyEqualLengthsAreUniform()
    {
        using var equal = PackedSequences.Create([4, 4, 4], maxBuckets: 4);
        Assert.True(equal.Uniform);
        Assert.Equal([(3, 4)], equal.Buckets.Select(b => (b.Sequences, b.Length)));
        Assert.Equal(Enumerable.Range(0, 12).Select(r => (long)r), equal.Buckets[0].Slots.data<long>().ToArray());
        using var unequal = PackedSequences.Create([4, 3, 4], maxBuckets: 1);
        Assert.False(unequal.Uniform);
    }

    [Fact]
    public void BadLengthsAreRefused()
    {
        Assert.Contains("at least one sequence", Assert.Throws<ArgumentException>(() => PackedSequences.Create([])).Message);
        Assert.Contains("at least 1, got [3, 0]", Assert.Throws<ArgumentException>(() => PackedSequences.Create([3, 0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PackedSequences.Create([3], maxBuckets: 0));
    }
}
