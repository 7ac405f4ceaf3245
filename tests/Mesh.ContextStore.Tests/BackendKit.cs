using System.Diagnostics.Metrics;
using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Embedded;
using Mesh.ContextStore.Storage.Redis;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.ContextStore.Tests;

/// <summary>
/// A backend without a server, for the storage tests: its own meters (so <see cref="Evictions"/> counts this
/// backend only), and Put/read helpers that do what <c>PutReceiver</c> and the Get handler do around it.
/// </summary>
public sealed class BackendKit : IDisposable
{
    readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public BackendKit()
    {
        var meters = _metrics.GetRequiredService<IMeterFactory>();
        Gauge = new UsageGauge(new MeshTelemetry(meters));
        Evictions = new MetricCollector<long>(meters, MeshTelemetry.MeterName, "mesh.context_store.evictions");
    }

    public UsageGauge Gauge { get; }
    public MetricCollector<long> Evictions { get; }
    public long EvictionCount => Evictions.GetMeasurementSnapshot().Sum(m => m.Value);

    public EmbeddedBackend Embedded(ContextStoreOptions options, TimeProvider time) =>
        new(options, time, Gauge, NullLogger<EmbeddedBackend>.Instance);

    public RedisBackend Redis(ContextStoreOptions options, TimeProvider time) =>
        new(options, time, Gauge, NullLogger<RedisBackend>.Instance);

    /// <summary>Stores <paramref name="blob"/> in chunks of <paramref name="chunkBytes"/>.</summary>
    public static async Task<EntryInfo> PutAsync(IContextBackend backend, byte[] blob, TimeSpan ttl, string name = "x", int chunkBytes = 64 << 10)
    {
        var entry = new NewEntry(Blobs.Metadata(name), blob.Length, Sha256Hex.Of(blob), ttl);
        await using var writer = await backend.BeginPutAsync(entry, CancellationToken.None);
        for (int offset = 0; offset < blob.Length; offset += chunkBytes)
            await writer.WriteAsync(blob.AsMemory(offset, Math.Min(chunkBytes, blob.Length - offset)), CancellationToken.None);
        return await writer.CommitAsync(CancellationToken.None);
    }

    /// <summary>Opens <paramref name="id"/> and reads its blob whole.</summary>
    public static async Task<byte[]> ReadAsync(IContextBackend backend, ContextId id)
    {
        await using var reader = await backend.OpenAsync(id, CancellationToken.None);
        var blob = new byte[reader.Info.SizeBytes];
        await reader.ReadAsync(0, blob, CancellationToken.None);
        return blob;
    }

    /// <summary>
    /// The LRU scenario both backends must pass, in a store of 300 000 bytes: a, b, c of 100 000 bytes each, a read,
    /// then d. Afterwards b, the least recently used, must be gone, evicted once, and the rest listed d, a, c.
    /// </summary>
    public async Task<(EntryInfo Evicted, EntryInfo[] Kept)> OverfillAsync(IContextBackend backend)
    {
        var hour = TimeSpan.FromHours(1);
        var a = await PutAsync(backend, Blobs.Random(100_000, 12), hour, "a");
        var b = await PutAsync(backend, Blobs.Random(100_000, 13), hour, "b");
        var c = await PutAsync(backend, Blobs.Random(100_000, 14), hour, "c");
        await ReadAsync(backend, a.Id);
        var d = await PutAsync(backend, Blobs.Random(100_000, 15), hour, "d");

        Assert.Equal([d.Id, a.Id, c.Id], await ListAsync(backend));
        Assert.Equal(1, EvictionCount);
        Assert.Equal((3L, 300_000L), await backend.UsageAsync(CancellationToken.None));
        return (b, [d, a, c]);
    }

    /// <summary>Ids of the live entries, most recently used first.</summary>
    public static async Task<List<ContextId>> ListAsync(IContextBackend backend) =>
        (await backend.ListAsync(new ListQuery(1000, long.MaxValue, null), CancellationToken.None)).Entries.Select(e => e.Id).ToList();

    public void Dispose()
    {
        Evictions.Dispose();
        _metrics.Dispose();
    }
}
