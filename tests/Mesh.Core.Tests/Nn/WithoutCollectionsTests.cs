using System.Runtime;
using Mesh.Core.Nn;

namespace Mesh.Core.Tests.Nn;

[Collection(nameof(CollectorTests))]
public sealed class WithoutCollectionsTests
{
    [Fact]
    public void NoCollectionRunsWhileTheWorkAllocatesWithinTheBudget()
    {
        // Starting the pause may collect first (to make room); none may run inside it.
        var (allocated, collections) = Scalars.WithoutCollections(() =>
        {
            int before = GC.CollectionCount(0);
            long total = 0;
            for (int i = 0; i < 2000; i++)                   // 2000 x 16 KB = 32 MB, several gen0 budgets' worth
                total += new byte[16 << 10].Length;
            return (total, GC.CollectionCount(0) - before);
        });
        Assert.Equal(2000L * (16 << 10), allocated);
        Assert.Equal(0, collections);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void NestedPausesAndExceptionsLeaveTheCollectorRunning()
    {
        Assert.Equal(3, Scalars.WithoutCollections(() => Scalars.WithoutCollections(() => 3)));
        Assert.Throws<InvalidOperationException>(() => Scalars.WithoutCollections<int>(() => throw new InvalidOperationException("work failed")));
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        int before = GC.CollectionCount(0);
        GC.Collect(0);
        Assert.True(GC.CollectionCount(0) > before);
    }
}
