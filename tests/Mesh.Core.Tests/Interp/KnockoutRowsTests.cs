using Mesh.Core.Interp;

namespace Mesh.Core.Tests.Interp;

public class KnockoutRowsTests
{
    // [prefix 0..2][image 2..6][instruction 6..10], then generated positions up to the limit.
    static readonly TokenGroups Groups = new(2, 6, 10);

    [Fact]
    public void TheSweepFindsTheSameFirstBlockedRowAsCheckingEveryRowAndKey()
    {
        const long limit = 14;
        var random = new Random(7);
        int blocked = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            var edges = Enumerable.Range(0, random.Next(1, 5)).Select(_ => new AttentionEdge(Selector(random, limit), Selector(random, limit))).ToArray();
            long? expected = BruteForce(edges, limit);
            Assert.Equal(expected, KnockoutRows.FirstFullyBlocked(edges, Groups, limit));
            if (expected is not null) blocked++;
        }
        Assert.InRange(blocked, 100, 1900); // both answers were exercised
    }

    [Fact]
    public void ALongSequenceIsCheckedWithoutVisitingEveryPosition()
    {
        const long limit = 1L << 41, wide = 1L << 40;
        var knockout = new AttentionKnockout([new(new PositionSelector.Span(0, wide), new PositionSelector.Span(wide - 5, limit))], LayerScope.All);
        var refused = Assert.Throws<InterpPartException>(() => InterpOptions.For(Groups, 4, limit, knockout));
        Assert.Contains($"every key visible to position {wide - 5}", refused.Message);

        var keepsKeyZero = new AttentionKnockout([new(new PositionSelector.Span(1, wide), new PositionSelector.Span(5, limit))], LayerScope.All);
        Assert.Same(keepsKeyZero, InterpOptions.For(Groups, 4, limit, keepsKeyZero).Knockout);
    }

    static PositionSelector Selector(Random random, long limit)
    {
        if (random.Next(2) == 0) return (PositionGroup)random.Next(5);
        long start = random.Next((int)limit);
        return new PositionSelector.Span(start, random.Next((int)start + 1, (int)limit + 1));
    }

    static long? BruteForce(AttentionEdge[] edges, long limit)
    {
        for (long row = 0; row < limit; row++)
        {
            bool allBlocked = true;
            for (long key = 0; key <= row && allBlocked; key++)
                allBlocked = edges.Any(e => e.Target.Contains(Groups, row) && e.Source.Contains(Groups, key));
            if (allBlocked) return row;
        }
        return null;
    }
}
