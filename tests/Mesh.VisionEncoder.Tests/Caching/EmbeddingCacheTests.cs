using Mesh.ServiceDefaults.Telemetry;
using Mesh.TestKit;
using Mesh.VisionEncoder.Caching;

namespace Mesh.VisionEncoder.Tests.Caching;

public sealed class EmbeddingCacheTests : IDisposable
{
    // An entry of 100 floats costs 400 bytes plus the per-entry overhead.
    const int Floats = 100;
    readonly TestTelemetry _test = new();
    MeshTelemetry Telemetry => _test.Telemetry;

    static float[] Features(float value) => Enumerable.Repeat(value, Floats).ToArray();

    long EntryBytes
    {
        get
        {
            var probe = new EmbeddingCache(long.MaxValue, Telemetry);
            probe.Add("probe", Features(0));
            return probe.Bytes;
        }
    }

    [Fact]
    public void TheLeastRecentlyUsedEntryIsEvictedFirst()
    {
        var cache = new EmbeddingCache(3 * EntryBytes, Telemetry);
        cache.Add("a", Features(1));
        cache.Add("b", Features(2));
        cache.Add("c", Features(3));
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent; b the least

        cache.Add("d", Features(4));

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal(1f, a[0]);
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(3, cache.Count);
        Assert.True(cache.Bytes <= cache.CapacityBytes);
    }

    [Fact]
    public void AnEntryLargerThanTheCapacityIsNotKeptAndEvictsNothing()
    {
        var cache = new EmbeddingCache(2 * EntryBytes, Telemetry);
        cache.Add("a", Features(1));

        cache.Add("huge", new float[Floats * 4]);

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("a", out _));
    }

    [Fact]
    public void CapacityZeroKeepsNothing()
    {
        var cache = new EmbeddingCache(0, Telemetry);

        cache.Add("a", Features(1));

        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void TheSizeInstrumentFollowsAddsAndEvictions()
    {
        long entry = EntryBytes;
        using var size = _test.Collect<long>("mesh.vision.cache.size");
        var cache = new EmbeddingCache(entry, Telemetry);

        cache.Add("a", Features(1));
        cache.Add("b", Features(2)); // evicts a

        Assert.Equal([entry, -entry, entry], size.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(cache.Bytes, size.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    public void Dispose() => _test.Dispose();
}
